package io.lcpr.reconcile.usage;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.events.EventJson;
import io.lcpr.events.InvalidEventException;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kafka adapter for traces and outcomes: parses and hands over. Transient failures (database) are retried here; an unparseable record
 * aborts the retries and the channel's dead-letter policy sends it to reconcile-service.dlq.
 */
@ApplicationScoped
public class UsageEventsConsumer {
    private final UsageService service;

    public UsageEventsConsumer(UsageService service) {
        this.service = service;
    }

    @Incoming("traces")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onTrace(String payload) {
        service.record(EventJson.read(payload, TraceRecordedV1.class));
    }

    @Incoming("outcomes")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onOutcome(String payload) {
        service.record(EventJson.read(payload, OutcomeRecordedV1.class));
    }
}
