package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;

/**
 * The parts of a workload's loaded cost that no trace carries: non-LLM eval cost, the cost of a human case when the
 * escalation does not say, human review time, and the ops overhead allocated to the workload for the period.
 */
public record CostInputs(BigDecimal evalOtherCost, BigDecimal humanCostPerCase, BigDecimal humanReviewCost,
        BigDecimal opsCost) {
    public static final CostInputs NONE = new CostInputs(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);
}
