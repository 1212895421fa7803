package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.util.Map;

/** The loaded cost of one workload in one period, its denominator breakdown, and LCPR. */
public record WorkloadLcpr(String workload, BigDecimal inferenceCost, BigDecimal evalCost, BigDecimal humanCost,
        BigDecimal opsCost, BigDecimal delta, BigDecimal loadedCost, BigDecimal lcpr, BigDecimal naiveCostPerUnit,
        long attempted, long accepted, long firstAttemptPass, long recovered, long escalated, long unrecovered,
        Map<String, Long> callsByAttemptKind, Map<String, BigDecimal> traceCostByTeam) {
}
