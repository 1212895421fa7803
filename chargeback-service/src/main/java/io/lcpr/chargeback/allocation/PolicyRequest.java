package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A period's policy as the platform owner chooses it: the mode in force, the usage basis (trace_cost, tokens,
 * requests; default trace_cost), uniform per seat rather than per team, the hybrid floor in USD (default: the period's
 * ops component), the share of every team's charge that funds the incident reserve ({@code reserve_pct}, percent,
 * default 0), {@code cache_discount} ({@code pass_through}, default, or {@code to_warmer}), {@code adapter_cost}
 * ({@code trainer}, default, or {@code amortize}), and who chooses.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyRequest(String mode, String basis, Boolean uniformPerSeat, BigDecimal hybridFloor,
        BigDecimal reservePct, String cacheDiscount, String adapterCost, String chosenBy) {
}
