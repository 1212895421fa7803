package io.lcpr.ingest.trace.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Makes sure the monthly partition of every trace exists before the trace is inserted. This and next month are
 * created at start and daily, so live traffic never waits; a backfilled month is created the first time it is seen,
 * in its own short transaction (creating a partition locks the parent table, which must not wait on a chunk).
 */
@ApplicationScoped
public class TracePartitions {
    private static final Logger LOG = Logger.getLogger(TracePartitions.class);

    private final EntityManager em;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    public TracePartitions(EntityManager em) {
        this.em = em;
    }

    void onStart(@Observes StartupEvent event) {
        ensureAhead();
    }

    @Scheduled(every = "24h", delayed = "1h", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void ensureAhead() {
        LocalDate thisMonth = LocalDate.now(Clock.systemUTC()).withDayOfMonth(1);
        ensure(Set.of(thisMonth, thisMonth.plusMonths(1)));
    }

    /** Creates the missing partitions among these months (each the first day of a UTC month). */
    public void ensure(Collection<LocalDate> months) {
        for (LocalDate month : months) {
            if (!known.contains(month)) {
                QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
                    try (PreparedStatement ps = connection.prepareStatement("select ensure_trace_partition(?)")) {
                        ps.setObject(1, month);
                        ps.execute();
                    }
                }));
                known.add(month);
                LOG.debugf("trace partition for %s is in place", month);
            }
        }
    }

    /** The table of the month's traces (created by ensure_trace_partition, V2). */
    public static String partitionOf(LocalDate month) {
        return String.format("trace_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    /** The first day of the instant's UTC month: the partition a trace started then lives in. */
    public static LocalDate monthOf(Instant instant) {
        return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), 86_400L)).withDayOfMonth(1);
    }
}
