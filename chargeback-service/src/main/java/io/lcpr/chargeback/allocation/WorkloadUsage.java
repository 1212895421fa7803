package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.TeamAllocationV1;

/**
 * One workload's loaded cost for a period, by component, and each team's use of it (the {@code unknown} team: calls
 * that named none); its LCPR and denominator; and, from reconcile's second view, the eval-run cost allocated to it
 * (positive) or, for an eval run, its own cost allocated away (negative).
 */
public record WorkloadUsage(String workload, BigDecimal loaded, BigDecimal inference, BigDecimal eval,
        BigDecimal human, BigDecimal ops, BigDecimal delta, Map<String, TeamUsage> byTeam, BigDecimal lcpr,
        long accepted, BigDecimal evalRunAllocated) {

    public WorkloadUsage(String workload, BigDecimal loaded, BigDecimal inference, BigDecimal eval, BigDecimal human,
            BigDecimal ops, BigDecimal delta, Map<String, TeamUsage> byTeam) {
        this(workload, loaded, inference, eval, human, ops, delta, byTeam, null, 0, null);
    }

    /**
     * Eval runs charged to the workloads they serve (DESIGN.md: "eval-run workloads to the workloads they serve"): the
     * eval runs' loaded cost, split to the cent over the served workloads by reconcile's allocation, added to their
     * eval component; the eval runs themselves then carry nothing. Without an allocation the list is as given.
     */
    public static java.util.List<WorkloadUsage> evalRunsToServed(java.util.List<WorkloadUsage> workloads) {
        BigDecimal runs = BigDecimal.ZERO;
        Map<String, BigDecimal> served = new TreeMap<>();
        for (WorkloadUsage w : workloads) {
            if (w.evalRunAllocated() != null && w.evalRunAllocated().signum() < 0) {
                runs = runs.add(w.loaded().setScale(2, java.math.RoundingMode.HALF_EVEN));
            } else if (w.evalRunAllocated() != null && w.evalRunAllocated().signum() > 0) {
                served.put(w.workload(), w.evalRunAllocated());
            }
        }
        if (runs.signum() == 0 || served.isEmpty()) {
            return workloads;
        }
        Map<String, BigDecimal> parts = io.lcpr.money.Split.proportional(runs, served, 2);
        java.util.List<WorkloadUsage> out = new java.util.ArrayList<>();
        for (WorkloadUsage w : workloads) {
            BigDecimal part = parts.get(w.workload());
            if (w.evalRunAllocated() != null && w.evalRunAllocated().signum() < 0) {
                continue;
            }
            out.add(part == null ? w : new WorkloadUsage(w.workload(), w.loaded().add(part), w.inference(),
                    w.eval().add(part), w.human(), w.ops(), w.delta(), w.byTeam(), w.lcpr(), w.accepted(),
                    w.evalRunAllocated()));
        }
        return out;
    }

    /** A team's use of a workload: trace-derived cost, calls, tokens and accepted units. */
    public record TeamUsage(BigDecimal traceCost, long calls, long tokens, long accepted) {
        public TeamUsage(BigDecimal traceCost, long calls, long tokens) {
            this(traceCost, calls, tokens, 0);
        }
    }

    /** From a workload's LCPR event; a workload with no team usage at all is the unknown team's. */
    public static WorkloadUsage of(LcprComputedV1 e) {
        Map<String, TeamUsage> byTeam = new TreeMap<>();
        Map<String, BigDecimal> cost = e.traceCostByTeam() == null ? Map.of() : e.traceCostByTeam();
        Map<String, Long> calls = e.callsByTeam() == null ? Map.of() : e.callsByTeam();
        Map<String, Long> tokens = e.tokensByTeam() == null ? Map.of() : e.tokensByTeam();
        Map<String, Long> accepted = e.acceptedByTeam() == null ? Map.of() : e.acceptedByTeam();
        java.util.Set<String> teams = new java.util.TreeSet<>(cost.keySet());
        teams.addAll(calls.keySet());
        teams.addAll(tokens.keySet());
        teams.addAll(accepted.keySet());
        for (String t : teams) {
            byTeam.put(t, new TeamUsage(cost.getOrDefault(t, BigDecimal.ZERO), calls.getOrDefault(t, 0L),
                    tokens.getOrDefault(t, 0L), accepted.getOrDefault(t, 0L)));
        }
        if (byTeam.isEmpty()) {
            byTeam.put(TeamAllocationV1.UNKNOWN_TEAM, new TeamUsage(BigDecimal.ONE, 0, 0));
        }
        return new WorkloadUsage(e.workload(), e.loadedCost(), zero(e.inferenceCost()), zero(e.evalCost()),
                zero(e.humanCost()), zero(e.opsCost()), zero(e.delta()), byTeam, e.lcpr(), e.acceptedUnits(),
                e.evalRunAllocated());
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
