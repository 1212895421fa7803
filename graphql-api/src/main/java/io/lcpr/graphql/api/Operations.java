package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.events.AlertV1;
import io.lcpr.events.BaselineCapturedV1;
import io.lcpr.events.BudgetV1;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.WorkloadSnapshot;

/** The GraphQL shapes of the operations views: incidents and their cost, alerts, budgets, baselines; pages. */
public final class Operations {
    private Operations() {
    }

    @Description("An inference incident and what it cost (001 ch 26)")
    public record Incident(String id, String name, String category, String status, List<String> workloads,
            Instant startedAt, Instant detectedAt, Instant mitigatedAt, Instant resolvedAt,
            @Description("Inference above the baseline cost per work unit") BigDecimal extraInferenceCost,
            @Description("Human escalation cost above the baseline rate") BigDecimal extraHumanCost,
            BigDecimal engineeringCost, BigDecimal totalCost,
            @Description("Requests from its start to its mitigation") long requestsAffected, long unitsAffected,
            BigDecimal lcprBefore, BigDecimal lcprDuring, BigDecimal lcprChangePct, Long minutesToDetect,
            Long minutesToMitigate) {
        static Incident of(IncidentV1 e) {
            return new Incident(e.incidentId().toString(), e.name(), e.category(), e.status(), e.workloads(),
                    e.startedAt(), e.detectedAt(), e.mitigatedAt(), e.resolvedAt(), e.extraInferenceCost(),
                    e.extraHumanCost(), e.engineeringCost(), e.totalCost(), e.requestsAffected(), e.unitsAffected(),
                    e.lcprBefore(), e.lcprDuring(), e.lcprChangePct(), e.minutesToDetect(), e.minutesToMitigate());
        }
    }

    @Description("Incidents of one root-cause category in a period and what they cost together")
    public record IncidentCost(String category, int incidents, BigDecimal extraInferenceCost,
            BigDecimal extraHumanCost, BigDecimal engineeringCost, BigDecimal totalCost, long requestsAffected) {
    }

    @Description("An alert as its latest event states it (firing, resolved, or a budget's warning or throttle)")
    public record Alert(String id, String rule, String metric, String dimension, String scope, String status,
            BigDecimal value, BigDecimal threshold, String comparison, Instant windowStart, Instant windowEnd,
            Instant at, String evidence, String action) {
        static Alert of(AlertV1 e) {
            return new Alert(e.alertId().toString(), e.rule(), e.metric(), e.dimension(), e.scope(), e.status(),
                    e.value(), e.threshold(), e.comparison(), e.windowStart(), e.windowEnd(), e.at(), e.evidence(),
                    e.action());
        }
    }

    @Description("A budget and where its period stands: spent, expected by now, remaining, projected, pace, state")
    public record Budget(String name, String scopeKind, String scope, String period, BigDecimal amount,
            String currency, BigDecimal warnPct, Instant periodStart, Instant periodEnd, Instant at, BigDecimal spent,
            BigDecimal expected, BigDecimal remaining, BigDecimal projected, BigDecimal pace, String state) {
        static Budget of(BudgetV1 e) {
            BudgetV1.Status s = e.status();
            return new Budget(e.budget(), e.scopeKind(), e.scope(), e.period(), e.amount(), e.currency(),
                    e.warnPct(), s == null ? null : s.periodStart(), s == null ? null : s.periodEnd(),
                    s == null ? null : s.at(), s == null ? null : s.spent(), s == null ? null : s.expected(),
                    s == null ? null : s.remaining(), s == null ? null : s.projected(), s == null ? null : s.pace(),
                    s == null ? null : s.state());
        }
    }

    @Description("A named baseline of a workload on a route (001 ch 23), captured on demand or before a change")
    public record Baseline(String name, String reason, String change, Instant capturedAt, WorkloadSnapshot snapshot) {
        static Baseline of(BaselineCapturedV1 e) {
            return new Baseline(e.name(), e.reason(), e.change(), e.capturedAt(), e.snapshot());
        }
    }

    @Description("Two snapshots of a workload compared component by component (baseline against now, route A against"
            + " route B), and which cost component drove the LCPR delta")
    public record BaselineComparison(WorkloadSnapshot a, WorkloadSnapshot b, List<ComparedComponent> components,
            BigDecimal lcprDelta, String drivenBy) {
    }

    @Description("One component: a's value, b's, b - a, and (b - a) / a in percent (null when a is zero)")
    public record ComparedComponent(String name, double a, double b, double delta, Double changePct) {
    }

    @Description("Where a page ends and whether another follows")
    public record PageInfo(String endCursor, boolean hasNextPage) {
    }

    public record IncidentEdge(String cursor, Incident node) {
    }

    @Description("A page of incidents, oldest first; pass pageInfo.endCursor as after for the next")
    public record IncidentConnection(List<IncidentEdge> edges, PageInfo pageInfo, int totalCount) {
    }

    public record AlertEdge(String cursor, Alert node) {
    }

    @Description("A page of alerts, oldest first; pass pageInfo.endCursor as after for the next")
    public record AlertConnection(List<AlertEdge> edges, PageInfo pageInfo, int totalCount) {
    }

    /** An opaque cursor: the position after which a page starts. */
    static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("i:" + index).getBytes(StandardCharsets.UTF_8));
    }

    static int after(String cursor) {
        if (cursor == null) {
            return -1;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("i:")) {
                throw new IllegalArgumentException();
            }
            return Integer.parseInt(s.substring(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("after: '" + cursor + "' is not a cursor this API gave");
        }
    }
}
