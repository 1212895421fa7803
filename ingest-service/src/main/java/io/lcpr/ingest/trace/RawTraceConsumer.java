package io.lcpr.ingest.trace;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.delivery.ConsumedRecord;
import io.lcpr.delivery.OutlastsDatabaseOutage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kafka adapter for {@code llm.traces.raw}, a poll at a time. Refused records are dead-lettered by
 * RawTraceService itself (with the field and reason); what reaches the channel's own dead-letter policy is a batch
 * that failed for a transient cause more often than the retries allow.
 */
@ApplicationScoped
@OutlastsDatabaseOutage
public class RawTraceConsumer {
    private final RawTraceService service;

    public RawTraceConsumer(RawTraceService service) {
        this.service = service;
    }

    @Incoming("raw-traces")
    @Blocking
    @Retry(maxRetries = 5, delay = 500)
    public void onBatch(ConsumerRecords<String, byte[]> records) {
        service.ingest(ConsumedRecord.of(records));
    }
}
