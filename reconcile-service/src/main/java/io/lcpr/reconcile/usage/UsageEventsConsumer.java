package io.lcpr.reconcile.usage;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.delivery.ConsumedRecord;
import io.lcpr.delivery.OutlastsDatabaseOutage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kafka adapter for traces and outcomes, a poll at a time. A record that is not a readable event is dead-lettered
 * by UsageBatches itself (with the reason), in the poll's transaction; a database outage is waited out
 * (OutlastsDatabaseOutage), other transient failures are retried here (a deadlock between two polls folding the same
 * rows is one), and a poll failing past its retries goes to the channel's dead-letter topic whole. Polls of traces are
 * handled side by side: one statement per poll keeps one PostgreSQL backend busy, and offsets are committed only below
 * the oldest poll still in hand.
 */
@ApplicationScoped
@OutlastsDatabaseOutage
public class UsageEventsConsumer {
    private final UsageBatches batches;

    public UsageEventsConsumer(UsageBatches batches) {
        this.batches = batches;
    }

    @Incoming("traces")
    // polls fold side by side, each on its own connection (commutative upserts), at most as many as the pool allows:
    // unbounded, slow polls piled up in memory until the heap ran out (bench-reconcile)
    @Blocking(value = "fold", ordered = false)
    @Retry(maxRetries = 5, delay = 500)
    public void onTraces(ConsumerRecords<String, byte[]> records) {
        batches.traces(ConsumedRecord.of(records));
    }

    @Incoming("outcomes")
    @Blocking
    @Retry(maxRetries = 5, delay = 500)
    public void onOutcomes(ConsumerRecords<String, byte[]> records) {
        batches.outcomes(ConsumedRecord.of(records));
    }
}
