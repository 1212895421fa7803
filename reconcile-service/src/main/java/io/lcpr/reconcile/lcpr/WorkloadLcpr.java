package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The loaded cost of one workload in one period, its denominator breakdown, and LCPR; per team its trace-derived
 * cost, calls and tokens (what chargeback allocates by).
 */
public record WorkloadLcpr(String workload, BigDecimal inferenceCost, BigDecimal evalCost, BigDecimal humanCost,
        BigDecimal opsCost, BigDecimal delta, BigDecimal loadedCost, BigDecimal lcpr, BigDecimal naiveCostPerUnit,
        long attempted, long accepted, long firstAttemptPass, long recovered, long escalated, long unrecovered,
        Map<String, Long> callsByAttemptKind, Map<String, BigDecimal> traceCostByTeam, Map<String, Long> callsByTeam,
        Map<String, Long> tokensByTeam) {
}
