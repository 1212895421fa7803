package io.lcpr.ingest.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.lcpr.delivery.OutboxConfig;
import io.lcpr.delivery.TopicSender;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.trace.TraceRepository.StoredTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The relay of trace_chunk, the traces' outbox: claims committed, unpublished chunks (SKIP LOCKED, so replicas share
 * the work), publishes each of their traces to llm.traces.v1 and marks the chunks published once the broker has
 * acknowledged every event. A failure rolls the claim back and the next tick sends the chunks again: at least once,
 * with the event id derived from the dedupe key so consumers drop the repeats.
 */
@ApplicationScoped
public class TracePublisher {
    private static final Logger LOG = Logger.getLogger(TracePublisher.class);

    private final TraceRepository repository;
    private final TopicSender sender;
    private final IngestConfig config;
    private final OutboxConfig outbox;
    private final Counter published;

    public TracePublisher(TraceRepository repository, TopicSender sender, IngestConfig config, OutboxConfig outbox,
            MeterRegistry registry) {
        this.repository = repository;
        this.sender = sender;
        this.config = config;
        this.outbox = outbox;
        this.published = registry.counter("ingest.traces.published");
    }

    @Scheduled(every = "${ingest.publish.poll-interval.ms:100}ms", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void publishPending() {
        try {
            int claimed;
            do {
                claimed = QuarkusTransaction.requiringNew().call(this::publishClaimed);
            } while (claimed == config.publish().chunksPerTransaction());
        } catch (RuntimeException e) {
            LOG.warnf("trace publishing will retry: %s", e.getMessage());
        }
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgePublished() {
        Instant cutoff = Instant.now().minus(Duration.ofHours(outbox.retentionHours()));
        QuarkusTransaction.requiringNew().run(() -> repository.purgePublished(cutoff));
    }

    /** Publishes the chunks it claims inside the caller's transaction; returns how many chunks it claimed. */
    int publishClaimed() {
        List<TraceRepository.Chunk> chunks = repository.claimUnpublished(config.publish().chunksPerTransaction());
        if (chunks.isEmpty()) {
            return 0;
        }
        long t0 = System.nanoTime();
        List<StoredTrace> traces = repository.readChunks(chunks);
        long t1 = System.nanoTime();
        List<CompletableFuture<Void>> acks = new ArrayList<>(traces.size());
        for (StoredTrace t : traces) {
            TraceRecordedV1 event = new TraceRecordedV1(t.eventId(), t.receivedAt(), TraceRecordedV1.SCHEMA_VERSION,
                    TraceService.PRODUCER, t.dedupeKey(), t.trace());
            acks.add(sender.send(Topics.TRACES, t.dedupeKey(), TraceEventJson.write(event), Map.of()));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(outbox.ackTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge the " + traces.size() + " traces of chunks "
                    + chunks.stream().map(TraceRepository.Chunk::id).toList(), e);
        }
        long t2 = System.nanoTime();
        repository.markPublished(chunks.stream().map(TraceRepository.Chunk::id).toList());
        published.increment(traces.size());
        LOG.debugf("published %d traces of %d chunks: read %d ms, sent and acknowledged %d ms", traces.size(),
                chunks.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        return chunks.size();
    }
}
