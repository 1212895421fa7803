package io.lcpr.ingest.trace.publish;

import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.publish.ChunkPublisher;
import io.lcpr.ingest.trace.store.StoredTrace;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** The live path from trace_chunk to llm.traces.v1 (ChunkPublisher); TraceRecovery publishes what it leaves. */
@ApplicationScoped
public class TracePublisher {
    private final ChunkPublisher<StoredTrace> publisher;

    public TracePublisher(TraceEvents events, TraceRepository repository, IngestConfig config) {
        this.publisher = new ChunkPublisher<>("trace", events::send, repository::markPublished, config);
    }

    void onStart(@Observes StartupEvent event) {
        publisher.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        publisher.stop();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommittedChunk chunk) {
        publisher.committed(chunk.id(), chunk.traces());
    }
}
