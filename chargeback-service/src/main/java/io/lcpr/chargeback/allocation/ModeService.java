package io.lcpr.chargeback.allocation;

import java.util.List;

import io.lcpr.chargeback.team.TeamService;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Every mode for a period, computed from the newest complete reconciliation run of the period, the team registry as
 * in force for it and the policy chosen for it: a preview until the period is closed.
 */
@ApplicationScoped
public class ModeService {
    private final TeamService teams;
    private final PolicyService policies;

    public ModeService(TeamService teams, PolicyService policies) {
        this.teams = teams;
        this.policies = policies;
    }

    /** A period's allocation as computed now: the run it reads, the policy, the workloads and every mode. */
    public record PeriodAllocation(String period, RunEntity run, PolicyService.Choice choice,
            List<WorkloadUsage> workloads, ModeAllocator.Comparison comparison) {
        public ModeComparisonView view() {
            return ModeComparisonView.of(period, run.runId, choice, comparison);
        }
    }

    @Transactional
    public ModeComparisonView compare(String period) {
        return compute(period).view();
    }

    @Transactional
    public PeriodAllocation compute(String period) {
        List<String> problems = new java.util.ArrayList<>();
        PolicyService.month(period, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
        RunEntity run = RunEntity.<RunEntity> find("period = ?1 and allocatedAt is not null order by allocatedAt desc",
                period).firstResultOptional().orElseThrow(() -> new NotFoundException(
                        "no complete reconciliation run of " + period + " has reached chargeback-service"));
        List<WorkloadUsage> usage = WorkloadCostEntity.<WorkloadCostEntity> list("runId", run.runId).stream()
                .map(c -> WorkloadUsage.of(EventJson.read(c.event, LcprComputedV1.class))).toList();
        PolicyService.Choice choice = policies.inForce(period);
        return new PeriodAllocation(period, run, choice, usage,
                ModeAllocator.compare(usage, teams.asOf(period), choice.policy()));
    }
}
