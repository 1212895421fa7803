package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;

/**
 * The options of the modes for a period: what usage is measured by, whether uniform divides per seat rather than per
 * team, the hybrid floor (the platform's fixed cost; null: the period's ops component), and the share of every
 * team's charge that funds the incident reserve (percent; 0: no reserve, no credits); whether a shared prefix's
 * cache discount is paid to the teams that warmed it (else passed through to each reader, 001's default) and whether
 * an adapter's training cost is amortized across its callers (else left with its trainer).
 */
public record AllocationPolicy(AllocationMode mode, UsageBasis basis, boolean uniformPerSeat, BigDecimal hybridFloor,
        BigDecimal reservePct, boolean discountToWarmers, boolean amortizeAdapters) {
    /** The suite's default when a period has no recorded choice: hybrid over trace-derived cost, the ops floor. */
    public static final AllocationPolicy DEFAULT = new AllocationPolicy(AllocationMode.HYBRID, UsageBasis.TRACE_COST,
            false, null, BigDecimal.ZERO, false, false);

    public AllocationPolicy(AllocationMode mode, UsageBasis basis, boolean uniformPerSeat, BigDecimal hybridFloor) {
        this(mode, basis, uniformPerSeat, hybridFloor, BigDecimal.ZERO, false, false);
    }
}
