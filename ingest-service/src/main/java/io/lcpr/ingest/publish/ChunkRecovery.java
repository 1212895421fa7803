package io.lcpr.ingest.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.lcpr.delivery.OutboxConfig;
import io.lcpr.ingest.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The relay of a chunk table (trace_chunk, outcome_chunk) for the chunks the live path (ChunkPublisher) did not
 * publish: a crash or restart after the commit, a broker outage, a full publish queue. Claims chunks committed more
 * than {@code ingest.publish.recovery-after.ms} ago and still unpublished (SKIP LOCKED, so replicas share the work),
 * reads their records back, publishes them and marks the chunks published once every event is acknowledged. A failure
 * rolls the claim back and the next tick tries again: at least once.
 */
public final class ChunkRecovery<C, T> {
    private static final Logger LOG = Logger.getLogger(ChunkRecovery.class);

    /** A chunk table: its claims of type C hold what reading their records back needs. */
    public interface Table<C, T> {
        /** Claims up to {@code limit} chunks committed before {@code cutoff}, unpublished, for this transaction. */
        List<C> claimUnpublished(Instant cutoff, int limit);

        long id(C chunk);

        /** The records the chunks stored, in the order they were stored. */
        List<T> read(List<C> chunks);

        void markPublished(List<Long> chunks);

        /** Deletes the rows of chunks published before the cutoff; their records stay. */
        int purgePublished(Instant cutoff);
    }

    private final String name;
    private final Table<C, T> table;
    private final Function<List<T>, CompletableFuture<Void>> send;
    private final IngestConfig config;
    private final OutboxConfig outbox;

    public ChunkRecovery(String name, Table<C, T> table, Function<List<T>, CompletableFuture<Void>> send,
            IngestConfig config, OutboxConfig outbox) {
        this.name = name;
        this.table = table;
        this.send = send;
        this.config = config;
        this.outbox = outbox;
    }

    /** Publishes every chunk the live path left unpublished past recovery-after.ms, a transaction per claim. */
    public void publishPending() {
        try {
            int claimed;
            do {
                claimed = QuarkusTransaction.requiringNew().call(this::publishClaimed);
            } while (claimed == config.publish().chunksPerTransaction());
        } catch (RuntimeException e) {
            LOG.warnf("%s publishing will retry: %s", name, e.getMessage());
        }
    }

    public void purgePublished() {
        Instant cutoff = Instant.now().minus(Duration.ofHours(outbox.retentionHours()));
        QuarkusTransaction.requiringNew().run(() -> table.purgePublished(cutoff));
    }

    /** Publishes the chunks it claims inside the caller's transaction; returns how many chunks it claimed. */
    private int publishClaimed() {
        Instant cutoff = Instant.now().minusMillis(config.publish().recoveryAfterMs());
        List<C> chunks = table.claimUnpublished(cutoff, config.publish().chunksPerTransaction());
        if (chunks.isEmpty()) {
            return 0;
        }
        List<Long> ids = chunks.stream().map(table::id).toList();
        List<T> records = table.read(chunks);
        try {
            send.apply(records).get(outbox.ackTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge the " + records.size() + " " + name
                    + "s of chunks " + ids, e);
        }
        table.markPublished(ids);
        LOG.infof("recovered %d %ss of chunks %s that the live path had not published", records.size(), name, ids);
        return chunks.size();
    }
}
