package io.lcpr.ingest.publish;

import io.lcpr.delivery.OutboxConfig;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.outcome.CommittedOutcomes;
import io.lcpr.ingest.outcome.OutcomeEvents;
import io.lcpr.ingest.outcome.OutcomeRepository;
import io.lcpr.ingest.outcome.StoredOutcome;
import io.lcpr.ingest.trace.publish.CommittedChunk;
import io.lcpr.ingest.trace.publish.TraceEvents;
import io.lcpr.ingest.trace.store.StoredTrace;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Publishing from the two chunk tables: trace_chunk to llm.traces.v1 and outcome_chunk to llm.outcomes.v1, each by
 * its live path (ChunkPublisher, from memory once a chunk commits) and its recovery (ChunkRecovery, from the table,
 * for what the live path left), on one schedule.
 */
@ApplicationScoped
public class Publishing {
    private final ChunkPublisher<StoredTrace> traces;
    private final ChunkPublisher<StoredOutcome> outcomes;
    private final ChunkRecovery<TraceRepository.Chunk, StoredTrace> traceRecovery;
    private final ChunkRecovery<Long, StoredOutcome> outcomeRecovery;

    public Publishing(TraceRepository traceChunks, TraceEvents traceEvents, OutcomeRepository outcomeChunks,
            OutcomeEvents outcomeEvents, IngestConfig config, OutboxConfig outbox) {
        this.traces = new ChunkPublisher<>("trace", traceEvents::send, traceChunks::markPublished, config);
        this.outcomes = new ChunkPublisher<>("outcome", outcomeEvents::send, outcomeChunks::markPublished, config);
        this.traceRecovery = new ChunkRecovery<>("trace", traceChunks, traceEvents::send, config, outbox);
        this.outcomeRecovery = new ChunkRecovery<>("outcome", outcomeChunks, outcomeEvents::send, config, outbox);
    }

    void onStart(@Observes StartupEvent event) {
        traces.start();
        outcomes.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        traces.stop();
        outcomes.stop();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommittedChunk chunk) {
        traces.committed(chunk.id(), chunk.traces());
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommittedOutcomes chunk) {
        outcomes.committed(chunk.id(), chunk.outcomes());
    }

    /** Publishes every chunk the live paths left unpublished past recovery-after.ms (on a schedule; tests call it). */
    @Scheduled(every = "${ingest.publish.poll-interval.ms:1000}ms", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void recoverPending() {
        traceRecovery.publishPending();
        outcomeRecovery.publishPending();
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgePublished() {
        traceRecovery.purgePublished();
        outcomeRecovery.purgePublished();
    }
}
