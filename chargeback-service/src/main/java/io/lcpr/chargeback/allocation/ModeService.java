package io.lcpr.chargeback.allocation;

import java.util.List;

import io.lcpr.chargeback.incident.IncidentCredits;
import io.lcpr.chargeback.incident.IncidentService;
import io.lcpr.chargeback.incident.ReserveLedger;
import io.lcpr.chargeback.team.TeamService;
import io.lcpr.chargeback.transfer.AssetService;
import io.lcpr.chargeback.transfer.Transfers;
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
    private final IncidentService incidents;
    private final ReserveLedger reserve;
    private final AssetService assets;

    public ModeService(TeamService teams, PolicyService policies, IncidentService incidents, ReserveLedger reserve,
            AssetService assets) {
        this.assets = assets;
        this.teams = teams;
        this.policies = policies;
        this.incidents = incidents;
        this.reserve = reserve;
    }

    /** A period's allocation as computed now: the run it reads, the policy, the workloads and every mode. */
    public record PeriodAllocation(String period, RunEntity run, PolicyService.Choice choice,
            List<WorkloadUsage> workloads, ModeAllocator.Comparison comparison, IncidentCredits.Result credits,
            Transfers.Result transfers) {
        public ModeComparisonView view() {
            return ModeComparisonView.of(period, run.runId, choice, comparison, credits, transfers);
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
        List<WorkloadUsage> usage = WorkloadUsage.evalRunsToServed(WorkloadCostEntity.<WorkloadCostEntity> list(
                "runId", run.runId).stream().map(c -> WorkloadUsage.of(EventJson.read(c.event, LcprComputedV1.class)))
                .toList());
        PolicyService.Choice choice = policies.inForce(period);
        ModeAllocator.Comparison comparison = ModeAllocator.compare(usage, teams.asOf(period), choice.policy());
        java.time.YearMonth month = java.time.YearMonth.parse(period);
        IncidentCredits.Result credits = IncidentCredits.compute(incidents.startedIn(
                month.atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)), usage,
                comparison.inForce().byTeam(), choice.policy().reservePct(), reserve.openingFor(period));
        List<io.lcpr.events.ReconciliationCompletedV1.Attribution> attribution = run.event == null ? List.of()
                : EventJson.read(run.event, io.lcpr.events.ReconciliationCompletedV1.class).attribution();
        Transfers.Result transfers = Transfers.compute(period, attribution, assets.all(),
                choice.policy().discountToWarmers(), choice.policy().amortizeAdapters(),
                assets.amortizedBefore(period), month.lengthOfMonth() * 24L);
        return new PeriodAllocation(period, run, choice, usage, comparison, credits, transfers);
    }
}
