package io.lcpr.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;

import io.lcpr.events.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Publishes committed outbox rows to their topics and marks them published once the broker has acknowledged them.
 * Rows are claimed with SKIP LOCKED so several replicas can relay side by side; a failed batch rolls back and is
 * retried on the next tick, so delivery is at least once and consumers dedupe by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final TopicSender sender;
    private final EntityManager em;
    private final OutboxConfig config;
    private final Counter published;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public OutboxRelay(TopicSender sender, EntityManager em, OutboxConfig config, MeterRegistry registry) {
        this.sender = sender;
        this.em = em;
        this.config = config;
        this.published = registry.counter("outbox.published");
        registry.gauge("outbox.backlog", backlog);
        registry.gauge("outbox.oldest.age.seconds", oldestAgeSeconds);
    }

    /**
     * What waits to be sent and for how long: an operator alerts on a growing backlog (the broker unreachable) long
     * before a consumer notices anything missing. Read every 15 s, not on each scrape.
     */
    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measureBacklog() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "select count(*), extract(epoch from now() - min(created_at)) from outbox_message"
                            + " where published_at is null").getSingleResult());
            backlog.set(((Number) row[0]).longValue());
            oldestAgeSeconds.set(row[1] == null ? 0 : ((Number) row[1]).longValue());
        } catch (RuntimeException e) {
            LOG.debugf("outbox backlog not measured: %s", e.getMessage());
        }
    }

    /** Rows waiting to be sent at the last measure (every 15 s): for a service's own admission check. */
    public long backlog() {
        return backlog.get();
    }

    @Scheduled(every = "${outbox.poll-interval.ms:200}ms", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        publishNow();
    }

    /**
     * Publishes what is committed, on the caller's thread, without waiting for the next tick: for a transaction whose
     * events someone waits for (a reconciliation's results). A tick running meanwhile claims other rows (SKIP
     * LOCKED); a failure is left to the ticks that follow.
     */
    public void publishNow() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (sent == config.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay will retry: %s", e.getMessage());
        }
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgePublished() {
        Instant cutoff = Instant.now().minus(Duration.ofHours(config.retentionHours()));
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.delete("publishedAt < ?1", cutoff));
    }

    /**
     * A batch of unpublished rows, oldest first, claimed (locked, others skipping them) and marked published in one
     * statement, back by row id while locked: a select then an update by key was two statements and a key probe a row
     * (the relay's two were a fifth of PostgreSQL's statement time while ingest took a month with outcomes,
     * bench-reconcile, session 32). The mark commits only with the broker's acknowledgements; a failed batch rolls it
     * back.
     */
    private static final String CLAIM = """
            with claimed as (
                select ctid from outbox_message where published_at is null order by created_at limit ?
                for update skip locked
            )
            update outbox_message set published_at = ? where ctid = any(array(select ctid from claimed))
            returning id, topic, message_key, payload, headers, created_at""";

    /** A claimed row: what is sent, and its place in the order. */
    private record Claimed(UUID id, String topic, String key, String payload, String headers, Instant createdAt) {
    }

    /** Publishes one batch inside the caller's transaction; returns how many rows it published. */
    int publishBatch() {
        List<Claimed> batch = em.unwrap(Session.class).doReturningWork(connection -> {
            List<Claimed> rows = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(CLAIM)) {
                ps.setInt(1, config.batchSize());
                ps.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return rows;
        });
        if (batch.isEmpty()) {
            return 0;
        }
        batch.sort(Comparator.comparing(Claimed::createdAt)); // the order they were written in, as sent before
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (Claimed row : batch) {
            acks.add(sender.send(row.topic(), row.key(), row.payload(),
                    row.headers() == null ? Map.of() : readHeaders(row.headers())));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.ackTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge " + batch.size() + " outbox rows", e);
        }
        published.increment(batch.size());
        return batch.size();
    }

    private static Map<String, String> readHeaders(String json) {
        try {
            return EventJson.MAPPER.readValue(json, HEADERS);
        } catch (Exception e) {
            throw new IllegalStateException("outbox headers are not a JSON object: " + json, e);
        }
    }
}
