package io.lcpr.reconcile.budget;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A budget as defined through the API: {@code scope_kind} team, workload, project or api_key; {@code period} daily or
 * monthly.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetRequest(String scopeKind, String scope, String period, BigDecimal amount, BigDecimal warnPct) {
}
