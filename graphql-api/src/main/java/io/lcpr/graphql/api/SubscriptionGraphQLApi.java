package io.lcpr.graphql.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;

import io.lcpr.events.AlertV1;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.graphql.projection.EventHub;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

/**
 * Live events over WebSocket ({@code /graphql}, the graphql-transport-ws protocol, or graphql-ws): what the
 * projections take in while a client is subscribed.
 */
@GraphQLApi
public class SubscriptionGraphQLApi {
    private final EventHub hub;

    public SubscriptionGraphQLApi(EventHub hub) {
        this.hub = hub;
    }

    @Subscription
    @Description("A team's statement as chargeback publishes it when a month is closed or corrected")
    public Multi<TeamAllocation> allocationPublished(String team) {
        return hub.of(TeamAllocationV1.class).filter(e -> team == null || team.equals(e.team()))
                .map(TeamAllocation::of);
    }

    @Subscription
    @Description("An incident as it is declared, updated or closed")
    public Multi<Operations.Incident> incidentDeclared() {
        return hub.of(IncidentV1.class).map(Operations.Incident::of);
    }

    @Subscription
    @Description("An alert firing or resolving, of a scope")
    public Multi<Operations.Alert> alertFired(String scope) {
        return hub.of(AlertV1.class).filter(e -> scope == null || scope.equals(e.scope())).map(Operations.Alert::of);
    }

    @Subscription
    @Description("A reconciliation run completed")
    public Multi<Reconciliation> reconciliationCompleted() {
        return hub.of(ReconciliationCompletedV1.class).map(Reconciliation::of);
    }
}
