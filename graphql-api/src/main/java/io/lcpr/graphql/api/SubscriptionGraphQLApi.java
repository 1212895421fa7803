package io.lcpr.graphql.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;

import io.lcpr.events.AlertV1;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.graphql.access.Access;
import io.lcpr.graphql.access.Caller;
import io.lcpr.graphql.projection.EventHub;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Live events over WebSocket ({@code /graphql}, the graphql-transport-ws protocol, or graphql-ws): what the
 * projections take in while a client is subscribed.
 */
@GraphQLApi
public class SubscriptionGraphQLApi {
    private final EventHub hub;
    private final Access access;

    public SubscriptionGraphQLApi(EventHub hub, Access access) {
        this.hub = hub;
        this.access = access;
    }

    @Subscription
    @Description("A team's statement as chargeback publishes it when a month is closed or corrected (a team member:"
            + " its teams')")
    public Multi<TeamAllocation> allocationPublished(String team) {
        Caller caller = access.caller();
        if (team != null) {
            caller.requireTeam(team);
        }
        return hub.of(TeamAllocationV1.class).filter(e -> (team == null || team.equals(e.team()))
                && caller.sees(e.team())).map(TeamAllocation::of);
    }

    @Subscription
    @Description("An incident as it is declared, updated or closed (a team member: touching its teams' workloads)")
    public Multi<Operations.Incident> incidentDeclared() {
        Caller caller = access.caller();
        return hub.of(IncidentV1.class).filter(e -> access.visibility(caller).anyWorkload(e.workloads()))
                .map(Operations.Incident::of);
    }

    @Subscription
    @Description("An alert firing or resolving, of a scope (a team member: its teams' and their workloads')")
    public Multi<Operations.Alert> alertFired(String scope) {
        Caller caller = access.caller();
        // a named scope is checked against the workload registry: a read, so off the event loop
        Multi<Caller> allowed = Multi.createFrom().item(() -> {
            if (scope != null) {
                access.visibility(caller).requireScope(scope);
            }
            return caller;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return allowed.onItem().transformToMultiAndConcatenate(c -> hub.of(AlertV1.class))
                .filter(e -> (scope == null || scope.equals(e.scope()))
                        && access.visibility(caller).scope(e.dimension(), e.scope()))
                .map(Operations.Alert::of);
    }

    @Subscription
    @Description("A reconciliation run completed (platform-admin and finance)")
    public Multi<Reconciliation> reconciliationCompleted() {
        access.caller().requireSeesAll("reconciliation runs");
        return hub.of(ReconciliationCompletedV1.class).map(Reconciliation::of);
    }
}
