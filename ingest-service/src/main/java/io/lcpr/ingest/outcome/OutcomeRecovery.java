package io.lcpr.ingest.outcome;

import io.lcpr.delivery.OutboxConfig;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.publish.ChunkRecovery;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes the outcome chunks OutcomePublisher left (ChunkRecovery), reading them back by id range, on a schedule. */
@ApplicationScoped
public class OutcomeRecovery {
    private final ChunkRecovery<Long, StoredOutcome> recovery;

    public OutcomeRecovery(OutcomeRepository repository, OutcomeEvents events, IngestConfig config,
            OutboxConfig outbox) {
        this.recovery = new ChunkRecovery<>("outcome", repository, events::send, config, outbox);
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
