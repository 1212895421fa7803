package io.lcpr.chargeback.team;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A team's registry entry from a month on ({@code effective_from}, {@code YYYY-MM}, default this month): owner, seats,
 * SLA tier and coefficient (default from the tier: TeamService.TIER_COEFFICIENTS, else 1.0).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeamRequest(String owner, Integer seats, String slaTier, BigDecimal coefficient, String effectiveFrom) {
}
