package io.lcpr.reconcile.workload;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Request bodies of the workload endpoints (snake_case). */
public final class WorkloadRequests {
    private WorkloadRequests() {
    }

    /**
     * Latency SLOs with their tolerance; eval_required defaults to true, human_signoff_accepted to false; the
     * registry's class (WorkloadClasses), unit name, owner team, and for an eval run the workloads it serves.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(Long ttftSloMs, Long e2eSloMs, Long sloToleranceMs, Boolean evalRequired,
            Boolean humanSignoffAccepted, String workloadClass, String unitName, String ownerTeam,
            java.util.List<String> serves) {
    }

    /**
     * Non-trace costs of one period; absent amounts are zero. review_rate_per_hour prices the review minutes the
     * outcomes state; ops_share_of_team names a team whose ops cost (PUT /api/teams/{t}/periods/{p}/ops-cost) the
     * workload carries in proportion to its share of the team's calls.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Costs(BigDecimal evalOtherCost, BigDecimal humanCostPerCase, BigDecimal humanReviewCost,
            BigDecimal opsCost, BigDecimal reviewRatePerHour, String opsShareOfTeam) {
    }

    /** A team's ops cost in a period. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TeamOpsCost(BigDecimal amount) {
    }
}
