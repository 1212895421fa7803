package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.TeamAllocationV1;

/**
 * One workload's loaded cost for a period, by component, and each team's use of it (the {@code unknown} team: calls
 * that named none).
 */
public record WorkloadUsage(String workload, BigDecimal loaded, BigDecimal inference, BigDecimal eval,
        BigDecimal human, BigDecimal ops, BigDecimal delta, Map<String, TeamUsage> byTeam, BigDecimal lcpr,
        long accepted) {

    public WorkloadUsage(String workload, BigDecimal loaded, BigDecimal inference, BigDecimal eval, BigDecimal human,
            BigDecimal ops, BigDecimal delta, Map<String, TeamUsage> byTeam) {
        this(workload, loaded, inference, eval, human, ops, delta, byTeam, null, 0);
    }

    /** A team's use of a workload: trace-derived cost, calls and tokens. */
    public record TeamUsage(BigDecimal traceCost, long calls, long tokens) {
        static final TeamUsage NONE = new TeamUsage(BigDecimal.ZERO, 0, 0);
    }

    /** From a workload's LCPR event; a workload with no team usage at all is the unknown team's. */
    public static WorkloadUsage of(LcprComputedV1 e) {
        Map<String, TeamUsage> byTeam = new TreeMap<>();
        Map<String, BigDecimal> cost = e.traceCostByTeam() == null ? Map.of() : e.traceCostByTeam();
        Map<String, Long> calls = e.callsByTeam() == null ? Map.of() : e.callsByTeam();
        Map<String, Long> tokens = e.tokensByTeam() == null ? Map.of() : e.tokensByTeam();
        java.util.Set<String> teams = new java.util.TreeSet<>(cost.keySet());
        teams.addAll(calls.keySet());
        teams.addAll(tokens.keySet());
        for (String t : teams) {
            byTeam.put(t, new TeamUsage(cost.getOrDefault(t, BigDecimal.ZERO), calls.getOrDefault(t, 0L),
                    tokens.getOrDefault(t, 0L)));
        }
        if (byTeam.isEmpty()) {
            byTeam.put(TeamAllocationV1.UNKNOWN_TEAM, new TeamUsage(BigDecimal.ONE, 0, 0));
        }
        return new WorkloadUsage(e.workload(), e.loadedCost(), zero(e.inferenceCost()), zero(e.evalCost()),
                zero(e.humanCost()), zero(e.opsCost()), zero(e.delta()), byTeam, e.lcpr(), e.acceptedUnits());
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
