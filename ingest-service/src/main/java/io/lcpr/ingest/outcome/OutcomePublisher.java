package io.lcpr.ingest.outcome;

import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.publish.ChunkPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** The live path from outcome_chunk to llm.outcomes.v1 (ChunkPublisher); OutcomeRecovery publishes what it leaves. */
@ApplicationScoped
public class OutcomePublisher {
    private final ChunkPublisher<StoredOutcome> publisher;

    public OutcomePublisher(OutcomeEvents events, OutcomeRepository repository, IngestConfig config) {
        this.publisher = new ChunkPublisher<>("outcome", events::send, repository::markPublished, config);
    }

    void onStart(@Observes StartupEvent event) {
        publisher.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        publisher.stop();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommittedOutcomes chunk) {
        publisher.committed(chunk.id(), chunk.outcomes());
    }
}
