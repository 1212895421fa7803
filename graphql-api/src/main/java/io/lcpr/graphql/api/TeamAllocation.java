package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.events.TeamAllocationV1;

@Description("What one team is charged for a period under one allocation mode; team 'unknown' is the unknown bucket")
public record TeamAllocation(String period, String mode, String team, String runId, String currency,
        BigDecimal amount, @Description("Share of the total allocated, 0..1") BigDecimal share,
        BigDecimal totalAllocated, List<WorkloadCharge> byWorkload) {

    @Description("The part of a team's charge that comes from one workload")
    public record WorkloadCharge(String workload, BigDecimal amount) {
    }

    static TeamAllocation of(TeamAllocationV1 e) {
        return new TeamAllocation(e.period(), e.mode(), e.team(), e.runId().toString(), e.currency(), e.amount(),
                e.share(), e.totalAllocated(),
                e.byWorkload().entrySet().stream().map(w -> new WorkloadCharge(w.getKey(), w.getValue())).toList());
    }
}
