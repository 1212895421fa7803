package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;

@Description("Loaded cost per accepted result of one workload in one period (DESIGN.md section 4)")
public record Lcpr(String period, String workload, String runId, String currency, Instant computedAt,
        @Description("Trace-derived cost of first attempts, retries, repairs and fallbacks") BigDecimal inferenceCost,
        @Description("Eval grader calls plus non-LLM eval cost") BigDecimal evalCost,
        @Description("Human escalations and review") BigDecimal humanCost,
        @Description("Ops overhead allocated to the workload") BigDecimal opsCost,
        @Description("Invoice minus trace-derived cost, allocated by trace-derived cost") BigDecimal delta,
        BigDecimal loadedCost,
        @Description("Loaded cost / accepted work units; null when nothing was accepted") BigDecimal lcpr,
        @Description("Inference cost / attempted work units: what the pricing page suggests") BigDecimal naiveCostPerUnit,
        long attemptedUnits, long acceptedUnits, long firstAttemptPass, long recovered, long escalated,
        long unrecovered, List<AttemptCount> calls, List<TeamCost> teamCosts,
        @Description("Revenue the workload's terms bring in the period; null without a term") BigDecimal revenue,
        @Description("(revenue - loaded cost) / revenue, in percent") BigDecimal loadedMarginPct,
        @Description("(revenue - inference cost) / revenue: the margin the pricing page suggests")
        BigDecimal naiveMarginPct,
        @Description("Cost of the calls that produced no accepted result, per accepted result")
        BigDecimal wastedCostPerAccepted) {

    @Description("LCPR of a team (the workloads it owns) or a customer account (its share of each workload's loaded"
            + " cost by the trace-derived cost of its calls, over its own accepted units), with revenue and margins")
    public record OfScope(String period, String runId, String scope, String name, BigDecimal revenue,
            BigDecimal loadedCost, BigDecimal inferenceCost, Long acceptedUnits, BigDecimal lcpr,
            BigDecimal loadedMarginPct, BigDecimal naiveMarginPct) {
        static OfScope of(ReconciliationCompletedV1 run, ReconciliationCompletedV1.Margin m) {
            return new OfScope(run.period(), run.runId().toString(), m.scope(), m.name(), m.revenue(), m.loadedCost(),
                    m.inferenceCost(), m.acceptedUnits(), m.lcpr(), m.loadedMarginPct(), m.naiveMarginPct());
        }
    }

    @Description("Calls of one attempt kind")
    public record AttemptCount(String attemptKind, long calls) {
    }

    @Description("A team's trace-derived cost within the workload")
    public record TeamCost(String team, BigDecimal cost) {
    }

    static Lcpr of(LcprComputedV1 e) {
        return new Lcpr(e.period(), e.workload(), e.runId().toString(), e.currency(), e.occurredAt(),
                e.inferenceCost(), e.evalCost(), e.humanCost(), e.opsCost(), e.delta(), e.loadedCost(), e.lcpr(),
                e.naiveCostPerUnit(), e.attemptedUnits(), e.acceptedUnits(), e.firstAttemptPass(), e.recovered(),
                e.escalated(), e.unrecovered(),
                e.callsByAttemptKind().entrySet().stream().map(c -> new AttemptCount(c.getKey(), c.getValue())).toList(),
                e.traceCostByTeam().entrySet().stream().map(t -> new TeamCost(t.getKey(), t.getValue())).toList(),
                e.revenue(), e.loadedMarginPct(), e.naiveMarginPct(), e.wastedCostPerAccepted());
    }
}
