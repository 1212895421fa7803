package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.RevenueTermV1;
import io.lcpr.money.Money;
import io.lcpr.money.Split;
import io.lcpr.reconcile.lcpr.AttemptCosts;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostInputs;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.lcpr.LcprCalculator;
import io.lcpr.reconcile.lcpr.TaskCosts;
import io.lcpr.reconcile.lcpr.UnitTally;
import io.lcpr.reconcile.lcpr.WorkloadLcpr;
import io.lcpr.reconcile.margin.AccountUsage;
import io.lcpr.reconcile.margin.Revenue;
import io.lcpr.reconcile.period.Period;

/**
 * A run's lcpr.computed.v1 events, one per workload: LCPR and its parts, margins, cost by attempt kind and waste,
 * the registry's class and unit, an agentic workload's task figures, and the second view where each eval run's loaded
 * cost is allocated to the workloads it serves (all workloads with a denominator when it names none) in proportion
 * to their trace-derived inference cost. An eval run has no denominator: its own event carries its cost, no LCPR.
 */
final class WorkloadResults {
    /** What the registry says of a workload. */
    record Registry(String workloadClass, String unitName, List<String> serves, boolean evalRun, String ownerTeam) {
        static final Registry NONE = new Registry(null, null, List.of(), false, null);
    }

    /** The inputs of the events beyond the workloads' slices and units. */
    record Context(UUID runId, Period period, Instant now, Function<String, CostInputs> costs,
            Map<String, BigDecimal> deltaByWorkload, List<RevenueTermV1> revenueTerms, Map<String, Registry> registry,
            Map<String, TaskCosts.Figures> tasks, AccountUsage accounts, Map<String, Map<String, Long>> acceptedByTeam) {
    }

    private WorkloadResults() {
    }

    static List<LcprComputedV1> build(Map<String, List<CostSlice>> byWorkload, Map<String, UnitTally> units,
            Context ctx) {
        Map<String, WorkloadLcpr> lcpr = new LinkedHashMap<>();
        byWorkload.forEach((w, slices) -> lcpr.put(w, LcprCalculator.compute(w, slices,
                units.getOrDefault(w, new UnitTally()), ctx.costs().apply(w),
                ctx.deltaByWorkload().getOrDefault(w, BigDecimal.ZERO))));
        Map<String, BigDecimal> allocated = evalRunAllocation(lcpr, ctx.registry());
        List<LcprComputedV1> out = new ArrayList<>();
        lcpr.forEach((workload, l) -> {
            Registry reg = ctx.registry().getOrDefault(workload, Registry.NONE);
            BigDecimal revenue = Revenue.of(ctx.revenueTerms(), workload, ctx.period().start(), l.accepted(),
                    ctx.period().monthShare(), account -> ctx.accounts().accepted(account, workload));
            Map<String, BigDecimal> byKind = AttemptCosts.byKind(byWorkload.get(workload));
            BigDecimal wasted = AttemptCosts.wasted(byKind);
            BigDecimal share = allocated.get(workload);
            TaskCosts.Figures tasks = ctx.tasks().get(workload);
            out.add(new LcprComputedV1(UUID.randomUUID(), ctx.now(), LcprComputedV1.SCHEMA_VERSION,
                    ReconciliationService.PRODUCER, ctx.runId(), ctx.period().label(), workload, "USD",
                    Money.of(l.inferenceCost()), Money.of(l.evalCost()), Money.of(l.humanCost()),
                    Money.of(l.opsCost()), Money.of(l.delta()), Money.of(l.loadedCost()),
                    reg.evalRun() ? null : Money.of(l.lcpr()), Money.of(l.naiveCostPerUnit()), l.attempted(),
                    l.accepted(), l.firstAttemptPass(), l.recovered(), l.escalated(), l.unrecovered(),
                    l.callsByAttemptKind(), money(l.traceCostByTeam()), Money.of(revenue),
                    Revenue.marginPct(revenue, l.loadedCost()), Revenue.marginPct(revenue, l.inferenceCost()),
                    money(byKind), Money.of(wasted), perUnit(wasted, l.accepted()), reg.workloadClass(),
                    reg.unitName(), share == null ? null : Money.of(share),
                    share == null || reg.evalRun() ? null : perUnit(l.loadedCost().add(share), l.accepted()),
                    tasks == null ? null : tasks.callsPerTask(), tasks == null ? null : tasks.tokenFanout(),
                    tasks == null || tasks.p50() == null ? null
                            : Arrays.asList(Money.of(tasks.p25()), Money.of(tasks.p50()), Money.of(tasks.p75())),
                    l.callsByTeam(), l.tokensByTeam(), ctx.acceptedByTeam().getOrDefault(workload, Map.of())));
        });
        return out;
    }

    /** Each eval run's loaded cost split over the workloads it serves by their inference cost. */
    static Map<String, BigDecimal> evalRunAllocation(Map<String, WorkloadLcpr> lcpr, Map<String, Registry> registry) {
        Map<String, BigDecimal> allocated = new TreeMap<>();
        for (Map.Entry<String, WorkloadLcpr> e : lcpr.entrySet()) {
            Registry reg = registry.getOrDefault(e.getKey(), Registry.NONE);
            if (!reg.evalRun()) {
                continue;
            }
            Map<String, BigDecimal> weights = new TreeMap<>();
            lcpr.forEach((w, l) -> {
                boolean served = reg.serves().isEmpty() ? !registry.getOrDefault(w, Registry.NONE).evalRun()
                        && !Call.UNKNOWN.equals(w) && l.accepted() > 0 : reg.serves().contains(w);
                if (served && l.inferenceCost().signum() > 0) {
                    weights.put(w, l.inferenceCost());
                }
            });
            if (!weights.isEmpty()) {
                Split.proportional(e.getValue().loadedCost(), weights, LcprCalculator.RATIO_SCALE)
                        .forEach((w, part) -> allocated.merge(w, part, BigDecimal::add));
                allocated.merge(e.getKey(), e.getValue().loadedCost().negate(), BigDecimal::add);
            }
        }
        return allocated;
    }

    private static BigDecimal perUnit(BigDecimal amount, long units) {
        return units == 0 ? null : Money.of(amount.divide(BigDecimal.valueOf(units), 6, RoundingMode.HALF_UP));
    }

    private static Map<String, BigDecimal> money(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> rounded = new TreeMap<>();
        amounts.forEach((k, v) -> rounded.put(k, Money.of(v)));
        return rounded;
    }
}
