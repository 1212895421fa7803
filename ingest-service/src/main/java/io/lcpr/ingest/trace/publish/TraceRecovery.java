package io.lcpr.ingest.trace.publish;

import io.lcpr.delivery.OutboxConfig;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.publish.ChunkRecovery;
import io.lcpr.ingest.trace.store.StoredTrace;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes the trace chunks TracePublisher left (ChunkRecovery), reading their traces back by id range (a BRIN on
 * id), on a schedule.
 */
@ApplicationScoped
public class TraceRecovery {
    private final ChunkRecovery<TraceRepository.Chunk, StoredTrace> recovery;

    public TraceRecovery(TraceRepository repository, TraceEvents events, IngestConfig config, OutboxConfig outbox) {
        this.recovery = new ChunkRecovery<>("trace", repository, events::send, config, outbox);
    }

    /** Publishes every chunk the live path left unpublished past recovery-after.ms (on a schedule; tests call it). */
    @Scheduled(every = "${ingest.publish.poll-interval.ms:1000}ms", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void publishPending() {
        recovery.publishPending();
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgePublished() {
        recovery.purgePublished();
    }
}
