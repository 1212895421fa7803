package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;

/**
 * The options of the modes for a period: what usage is measured by, whether uniform divides per seat rather than per
 * team, and the hybrid floor (the platform's fixed cost; null: the period's ops component).
 */
public record AllocationPolicy(AllocationMode mode, UsageBasis basis, boolean uniformPerSeat, BigDecimal hybridFloor) {
    /** The suite's default when a period has no recorded choice: hybrid over trace-derived cost, the ops floor. */
    public static final AllocationPolicy DEFAULT = new AllocationPolicy(AllocationMode.HYBRID, UsageBasis.TRACE_COST,
            false, null);
}
