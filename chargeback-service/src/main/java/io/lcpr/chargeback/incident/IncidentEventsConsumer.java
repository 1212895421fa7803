package io.lcpr.chargeback.incident;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.delivery.OutlastsDatabaseOutage;
import io.lcpr.events.EventJson;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.InvalidEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Kafka adapter for incidents.v1; transient failures retried, unreadable records dead-lettered (channel policy). */
@ApplicationScoped
@OutlastsDatabaseOutage
public class IncidentEventsConsumer {
    private final IncidentService incidents;

    public IncidentEventsConsumer(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Incoming("incidents")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onIncident(String payload) {
        incidents.record(EventJson.read(payload, IncidentV1.class));
    }
}
