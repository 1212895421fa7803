package io.lcpr.reconcile.workload;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Request bodies of the workload endpoints (snake_case). */
public final class WorkloadRequests {
    private WorkloadRequests() {
    }

    /** Latency SLOs with their tolerance; eval_required defaults to true, human_signoff_accepted to false. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(Long ttftSloMs, Long e2eSloMs, Long sloToleranceMs, Boolean evalRequired,
            Boolean humanSignoffAccepted) {
    }

    /** Non-trace costs of one period; absent amounts are zero. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Costs(BigDecimal evalOtherCost, BigDecimal humanCostPerCase, BigDecimal humanReviewCost,
            BigDecimal opsCost) {
    }
}
