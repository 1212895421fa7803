package io.lcpr.graphql.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.graphql.access.Access;
import io.lcpr.graphql.access.Caller;
import io.lcpr.graphql.projection.ProjectionService;

/** Read-only queries over the projected events. */
@GraphQLApi
public class CostGraphQLApi {
    private final ProjectionService projections;
    private final Access access;

    public CostGraphQLApi(ProjectionService projections, Access access) {
        this.projections = projections;
        this.access = access;
    }

    @Query
    @Description("LCPR of a workload for a period (YYYY-MM or YYYY-MM-DD), from the newest reconciliation run")
    public Lcpr lcpr(@NonNull String period, @NonNull String workload) {
        access.visibility().requireWorkload(workload);
        return projections.lcpr(period, workload).map(Lcpr::of).orElse(null);
    }

    @Query
    @Description("Chargeback of a period under a mode, one row per team; the rows add up to totalAllocated (a team"
            + " member: its teams' rows)")
    public List<TeamAllocation> allocations(@NonNull String period, @DefaultValue("proportional") String mode) {
        Caller caller = access.caller();
        return projections.allocations(period, mode).stream().filter(a -> caller.sees(a.team()))
                .map(TeamAllocation::of).toList();
    }

    @Query
    @Description("Invoice reconciliation of a period per provider account (of one provider and account when named):"
            + " delta, verdict, exception buckets with their evidence, recoverable overcharges, weekly trend;"
            + " platform-admin and finance")
    public Reconciliation reconciliation(@NonNull String period, String provider, String account) {
        access.caller().requireSeesAll("a provider account's reconciliation");
        return projections.reconciliation(period).map(e -> Reconciliation.of(e, provider, account)).orElse(null);
    }

    /** The LCPR of the workloads a team is charged for: one query for every allocation of the answer. */
    @Name("workloads")
    @Description("LCPR of the workloads this team is charged for, from the same run")
    public List<List<Lcpr>> workloads(@Source List<TeamAllocation> allocations) {
        Set<UUID> runs = allocations.stream().map(a -> UUID.fromString(a.runId())).collect(Collectors.toSet());
        Map<String, Lcpr> byRunAndWorkload = new HashMap<>();
        for (LcprComputedV1 e : projections.lcprOfRuns(runs)) {
            byRunAndWorkload.put(e.runId() + "|" + e.workload(), Lcpr.of(e));
        }
        return allocations.stream().map(a -> a.byWorkload().stream().map(TeamAllocation.WorkloadCharge::workload)
                .map(w -> byRunAndWorkload.get(a.runId() + "|" + w)).filter(java.util.Objects::nonNull).toList())
                .toList();
    }
}
