package io.lcpr.ingest.batch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

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
 * The count is taken on a schedule, not per request.
 */
@ApplicationScoped
public class Admission {
    private static final Logger LOG = Logger.getLogger(Admission.class);
    private final EntityManager em;
    private final IngestConfig config;
    private final AtomicLong unpublished = new AtomicLong();

    public Admission(EntityManager em, IngestConfig config, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        registry.gauge("ingest.unpublished.records", unpublished);
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
            Number n = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "select (select coalesce(sum(traces), 0) from trace_chunk where published_at is null)"
                            + " + (select count(*) from outbox_message where published_at is null)")
                    .getSingleResult());
            long before = unpublished.getAndSet(n.longValue());
            long max = config.publish().maxUnpublishedRecords();
            if ((before > max) != (n.longValue() > max)) {
                LOG.warnf(n.longValue() > max ? "%d records wait to be published: new batches answered 503"
                        : "%d records wait to be published: taking batches again", n.longValue());
            }
        } catch (RuntimeException e) {
            LOG.debugf("unpublished records not counted: %s", e.getMessage());
        }
    }
}
