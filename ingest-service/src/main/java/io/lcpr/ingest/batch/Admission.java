package io.lcpr.ingest.batch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.lcpr.delivery.OutboxRelay;
import io.lcpr.ingest.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Whether a new batch is taken: while the broker is away ingest keeps storing into its outboxes (a 200 is a commit
 * to PostgreSQL, published later), up to {@code ingest.publish.max-unpublished-records}; beyond that a batch is
 * answered 503 with Retry-After before a byte of it is read, so nothing of it is half-stored and the sender keeps it.
 * The count is taken on a schedule, not per request: the traces' and outcomes' chunks every poll (small tables, one
 * row per chunk), the outbox's rows (dead letters) as the relay last measured them (every 15 s): counting them each
 * second scanned the outbox's index of unpublished rows, which holds an entry for every row published since the last
 * vacuum (164 ms a count, 8% of PostgreSQL's statement time while reconcile-service folded 10 million traces beside
 * an idle ingest).
 */
@ApplicationScoped
public class Admission {
    private static final Logger LOG = Logger.getLogger(Admission.class);
    private final EntityManager em;
    private final IngestConfig config;
    private final OutboxRelay outbox;
    private final AtomicLong unpublished = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public Admission(EntityManager em, IngestConfig config, OutboxRelay outbox, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.outbox = outbox;
        registry.gauge("ingest.unpublished.records", unpublished);
        // The chunk tables' counterpart of the outbox's outbox_oldest_age_seconds: what an operator alerts on when
        // neither the live path nor recovery gets records to the broker (deploy/kubernetes/alerts.yaml).
        registry.gauge("ingest.unpublished.oldest.age.seconds", oldestAgeSeconds);
    }

    /** Refuses the batch (503, Retry-After) while too much waits to be published. */
    public void check() {
        long waiting = unpublished.get();
        long max = config.publish().maxUnpublishedRecords();
        if (waiting > max) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", config.publish().retryAfterS()).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("errors", List.of(waiting + " stored records wait to be published (the broker"
                            + " is unreachable or slow; at most " + max + " wait): send this batch again later")))
                    .build());
        }
    }

    @Scheduled(every = "${ingest.publish.backlog-poll.ms:1000}ms",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void count() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                    select (select coalesce(sum(traces), 0) from trace_chunk where published_at is null)
                        + (select coalesce(sum(outcomes), 0) from outcome_chunk where published_at is null),
                      coalesce(extract(epoch from now() - least(
                        (select min(created_at) from trace_chunk where published_at is null),
                        (select min(created_at) from outcome_chunk where published_at is null))), 0)
                    """).getSingleResult());
            long n = ((Number) row[0]).longValue() + outbox.backlog();
            oldestAgeSeconds.set(((Number) row[1]).longValue());
            long before = unpublished.getAndSet(n);
            long max = config.publish().maxUnpublishedRecords();
            if ((before > max) != (n > max)) {
                LOG.warnf(n > max ? "%d records wait to be published: new batches answered 503"
                        : "%d records wait to be published: taking batches again", n);
            }
        } catch (RuntimeException e) {
            LOG.debugf("unpublished records not counted: %s", e.getMessage());
        }
    }
}
