package io.lcpr.ingest.trace.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.lcpr.delivery.OutboxConfig;
import io.lcpr.ingest.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.lcpr.ingest.trace.store.StoredTrace;

/**
 * The relay of trace_chunk, the traces' outbox, for the chunks the live path (TracePublisher) did not publish: a
 * crash or restart after the commit, a broker outage, a full publish queue. Claims chunks committed more than
 * {@code ingest.publish.recovery-after.ms} ago and still unpublished (SKIP LOCKED, so replicas share the work), reads
 * their traces back by id range, publishes them and marks the chunks published once every event is acknowledged. A
 * failure rolls the claim back and the next tick tries again: at least once.
 */
@ApplicationScoped
public class TraceRecovery {
    private static final Logger LOG = Logger.getLogger(TraceRecovery.class);

    private final TraceRepository repository;
    private final TraceEvents events;
    private final IngestConfig config;
    private final OutboxConfig outbox;

    public TraceRecovery(TraceRepository repository, TraceEvents events, IngestConfig config, OutboxConfig outbox) {
        this.repository = repository;
        this.events = events;
        this.config = config;
        this.outbox = outbox;
    }

    /** Publishes every chunk the live path left unpublished past recovery-after.ms (on a schedule; tests call it). */
    @Scheduled(every = "${ingest.publish.poll-interval.ms:1000}ms", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void publishPending() {
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
        Instant cutoff = Instant.now().minusMillis(config.publish().recoveryAfterMs());
        List<TraceRepository.Chunk> chunks = repository.claimUnpublished(cutoff, config.publish().chunksPerTransaction());
        if (chunks.isEmpty()) {
            return 0;
        }
        List<Long> ids = chunks.stream().map(TraceRepository.Chunk::id).toList();
        List<StoredTrace> traces = repository.readChunks(chunks);
        try {
            events.send(traces).get(outbox.ackTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge the " + traces.size() + " traces of chunks "
                    + ids, e);
        }
        repository.markPublished(ids);
        LOG.infof("recovered %d traces of chunks %s that the live path had not published", traces.size(), ids);
        return chunks.size();
    }
}
