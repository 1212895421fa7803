package io.lcpr.graphql.projection;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.lcpr.events.AlertV1;
import io.lcpr.events.EventJson;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What subscribers of this replica receive: every replica reads the subscribed topics in a consumer group of its own
 * ({@code graphql-api-announce-<host>}, from the newest offset), so a subscriber sees every event whichever replica
 * it is connected to; the shared read models are kept by the projection group, where the replicas split the
 * partitions. A record this channel cannot read is skipped here (the projection channel dead-letters it).
 */
@ApplicationScoped
public class AnnounceConsumer {
    private static final Logger LOG = Logger.getLogger(AnnounceConsumer.class);
    private final EventHub hub;

    public AnnounceConsumer(EventHub hub) {
        this.hub = hub;
    }

    @Incoming("announce-allocations")
    @Blocking
    public void onAllocation(String payload) {
        announce(payload, TeamAllocationV1.class);
    }

    @Incoming("announce-incidents")
    @Blocking
    public void onIncident(String payload) {
        announce(payload, IncidentV1.class);
    }

    @Incoming("announce-alerts")
    @Blocking
    public void onAlert(String payload) {
        announce(payload, AlertV1.class);
    }

    @Incoming("announce-reconciliations")
    @Blocking
    public void onReconciliation(String payload) {
        announce(payload, ReconciliationCompletedV1.class);
    }

    private <T> void announce(String payload, Class<T> type) {
        try {
            hub.announce(EventJson.read(payload, type));
        } catch (RuntimeException e) {
            LOG.debugf("not announced (the projection channel dead-letters it): %s", e.getMessage());
        }
    }
}
