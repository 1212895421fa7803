package io.lcpr.chargeback.transfer;

import java.math.BigDecimal;

/**
 * A shared prompt prefix, fine-tuned adapter or dedicated endpoint ({@code kind}) and its owner team; an adapter's
 * training cost, the month it is charged in and the calls it is expected to serve; an endpoint's capacity (tokens an
 * hour, in and out) and cost per hour.
 */
public record Asset(String kind, String ref, String ownerTeam, String description, BigDecimal trainingCost,
        String trainingMonth, Long expectedCalls, Long capacityTokensPerHour, BigDecimal costPerHour) {
}
