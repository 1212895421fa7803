package io.lcpr.chargeback.allocation;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.delivery.OutlastsDatabaseOutage;
import io.lcpr.events.EventJson;
import io.lcpr.events.InvalidEventException;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Kafka adapter; transient failures retried here, unreadable records dead-lettered by the channel policy. */
@ApplicationScoped
@OutlastsDatabaseOutage
public class AllocationEventsConsumer {
    private final ChargebackService service;

    public AllocationEventsConsumer(ChargebackService service) {
        this.service = service;
    }

    @Incoming("lcpr")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onLcpr(String payload) {
        service.record(EventJson.read(payload, LcprComputedV1.class));
    }

    @Incoming("reconciliations")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onReconciliation(String payload) {
        service.record(EventJson.read(payload, ReconciliationCompletedV1.class));
    }
}
