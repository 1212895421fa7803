package io.lcpr.chargeback.close;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import io.lcpr.chargeback.allocation.ModeAllocator;
import io.lcpr.chargeback.allocation.ModeService;
import io.lcpr.chargeback.allocation.WorkloadUsage;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.money.Split;

/**
 * What each team is told about a closed month (pure): its charge under the mode in force and under every mode, the
 * spread, the cost its usage consumed by component, the charge by workload, and the LCPR of each workload it used.
 * A component (and the charge by workload) follows the team's share of each workload's trace-derived cost, split to
 * the cent by the largest remainder, so the teams' components add up to the month's.
 */
final class TeamStatements {
    private TeamStatements() {
    }

    /** Every team's statement (the unknown bucket included), ids and versions left to the caller. */
    static List<TeamAllocationV1> of(ModeService.PeriodAllocation a, Function<String, UUID> idOf, int version,
            java.time.Instant at) {
        ModeAllocator.Comparison c = a.comparison();
        ModeAllocator.ModeResult inForce = c.inForce();
        Map<String, BigDecimal> charged = new TreeMap<>(inForce.byTeam());
        if (inForce.unknown().signum() != 0) { // the unknown bucket is told as a line of its own when it holds any
            charged.put(TeamAllocationV1.UNKNOWN_TEAM, inForce.unknown());
        }
        Map<String, Map<String, BigDecimal>> components = components(a.workloads());
        List<TeamAllocationV1> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : charged.entrySet()) {
            String team = e.getKey();
            BigDecimal amount = e.getValue();
            Map<String, BigDecimal> modes = new LinkedHashMap<>();
            c.modes().forEach((m, r) -> modes.put(m.wire(), team.equals(TeamAllocationV1.UNKNOWN_TEAM) ? r.unknown()
                    : r.byTeam().get(team)));
            BigDecimal spread = c.variance().stream().filter(v -> v.team().equals(team)).findFirst()
                    .map(ModeAllocator.TeamVariance::spread).orElse(BigDecimal.ZERO.setScale(2));
            Map<String, BigDecimal> used = new TreeMap<>();
            List<TeamAllocationV1.WorkloadLcpr> lcpr = new ArrayList<>();
            for (WorkloadUsage w : a.workloads()) {
                WorkloadUsage.TeamUsage u = w.byTeam().get(team);
                if (u == null || u.traceCost().signum() == 0) {
                    continue;
                }
                used.merge(w.workload(), u.traceCost(), BigDecimal::add);
                BigDecimal all = w.byTeam().values().stream().map(WorkloadUsage.TeamUsage::traceCost)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                lcpr.add(new TeamAllocationV1.WorkloadLcpr(w.workload(), w.lcpr(), w.accepted(),
                        u.traceCost().divide(all, 6, RoundingMode.HALF_UP)));
            }
            Map<String, BigDecimal> byWorkload = used.isEmpty() ? Map.of()
                    : new TreeMap<>(Split.proportional(amount, used, ModeAllocator.CENTS));
            BigDecimal share = c.total().signum() == 0 ? BigDecimal.ZERO
                    : amount.divide(c.total(), 6, RoundingMode.HALF_UP);
            out.add(new TeamAllocationV1(idOf.apply(team), at, TeamAllocationV1.SCHEMA_VERSION,
                    "chargeback-service", a.run().runId, a.period(), a.choice().policy().mode().wire(), team, "USD",
                    amount, share, c.total(), byWorkload, version, null, null, a.choice().policy().basis().wire(),
                    modes, spread, components.getOrDefault(team, zeroComponents()), lcpr,
                    a.credits().fundingOf(team), a.credits().creditOf(team),
                    amount.add(a.credits().fundingOf(team)).subtract(a.credits().creditOf(team))
                            .add(a.transfers().netOf(team)).add(a.transfers().trainingOf(team)),
                    transfersOf(a, team), a.transfers().netOf(team), a.transfers().trainingOf(team),
                    capacityOf(a, team), a.credits().incidentsOf(team)));
        }
        return out;
    }

    /** A workload's line for a team that used no workload: its charge is the platform's floor or an equal share. */
    static final String PLATFORM = "platform";

    /**
     * A team's charge split over the workloads and components its usage consumed (each workload's component by the
     * team's share of its trace-derived cost; a credit in the delta stays negative), to the cent; a team that used
     * nothing has one line, the platform's.
     */
    static List<StatementLine> lines(ModeService.PeriodAllocation a, String team, BigDecimal amount) {
        Map<List<String>, BigDecimal> consumed = new LinkedHashMap<>();
        Map<String, Long> tokens = new TreeMap<>();
        for (WorkloadUsage w : a.workloads()) {
            Map<String, BigDecimal> weights = new TreeMap<>();
            w.byTeam().forEach((t, u) -> weights.put(t, u.traceCost()));
            WorkloadUsage.TeamUsage mine = w.byTeam().get(team);
            if (mine == null || mine.traceCost().signum() == 0) {
                continue;
            }
            tokens.merge(w.workload(), mine.tokens(), Long::sum);
            Map<String, BigDecimal> parts = componentsOf(w);
            parts.forEach((component, value) -> {
                BigDecimal part = Split.proportional(value, weights, ModeAllocator.CENTS).get(team);
                if (part != null && part.signum() != 0) {
                    consumed.merge(List.of(w.workload(), component), part, BigDecimal::add);
                }
            });
        }
        List<StatementLine> out = new ArrayList<>();
        if (consumed.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).signum() <= 0) {
            out.add(new StatementLine(PLATFORM, "ops", amount, null)); // nothing consumed (or only credits): one line
            return out;
        }
        Map<List<String>, BigDecimal> split = Split.proportional(amount, consumed, ModeAllocator.CENTS);
        java.util.Set<String> tokensSaid = new java.util.HashSet<>();
        split.forEach((k, part) -> out.add(new StatementLine(k.get(0), k.get(1), part,
                k.get(1).equals("inference") && tokensSaid.add(k.get(0)) ? tokens.get(k.get(0)) : null)));
        return out;
    }

    private static Map<String, BigDecimal> componentsOf(WorkloadUsage w) {
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        parts.put("inference", w.inference());
        parts.put("eval", w.eval());
        parts.put("human", w.human());
        parts.put("ops", w.ops());
        parts.put("delta", w.delta());
        return parts;
    }

    private static List<TeamAllocationV1.Transfer> transfersOf(ModeService.PeriodAllocation a, String team) {
        return a.transfers().transfers().stream().filter(t -> t.from().equals(team) || t.to().equals(team))
                .map(t -> new TeamAllocationV1.Transfer(t.kind(), t.ref(), t.from(), t.to(), t.amount(), t.applied(),
                        t.basis())).toList();
    }

    private static List<TeamAllocationV1.CapacityShare> capacityOf(ModeService.PeriodAllocation a, String team) {
        List<TeamAllocationV1.CapacityShare> out = new ArrayList<>();
        a.transfers().capacity().forEach(c -> c.shares().stream().filter(s -> s.team().equals(team))
                .forEach(s -> out.add(new TeamAllocationV1.CapacityShare(c.endpoint(), s.peakShare(), s.pinnedCost(),
                        c.unusedFraction()))));
        return out;
    }

    /** Each team's consumed cost by component: each workload's component by the teams' trace-derived cost. */
    private static Map<String, Map<String, BigDecimal>> components(List<WorkloadUsage> workloads) {
        Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
        for (WorkloadUsage w : workloads) {
            Map<String, BigDecimal> weights = new TreeMap<>();
            w.byTeam().forEach((t, u) -> weights.put(t, u.traceCost()));
            componentsOf(w).forEach((component, amount) -> Split.proportional(amount, weights, ModeAllocator.CENTS)
                    .forEach((team, part) -> out.computeIfAbsent(team, k -> zeroComponents()).merge(component, part,
                            BigDecimal::add)));
        }
        return out;
    }

    private static Map<String, BigDecimal> zeroComponents() {
        Map<String, BigDecimal> z = new LinkedHashMap<>();
        for (String k : List.of("inference", "eval", "human", "ops", "delta")) {
            z.put(k, BigDecimal.ZERO.setScale(2));
        }
        return z;
    }

    /** Whether two statements of a team say the same (ids, instants and versions aside). */
    static boolean same(TeamAllocationV1 a, TeamAllocationV1 b) {
        return a.amount().compareTo(b.amount()) == 0 && a.net().compareTo(b.net()) == 0 && a.mode().equals(b.mode())
                && java.util.Objects.equals(a.transfers(), b.transfers())
                && same(a.modes(), b.modes())
                && same(a.components(), b.components()) && same(a.byWorkload(), b.byWorkload())
                && a.totalAllocated().compareTo(b.totalAllocated()) == 0;
    }

    private static boolean same(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(e -> e.getValue().compareTo(b.get(e.getKey())) == 0);
    }

}
