package io.lcpr.reconcile.usage;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.lcpr.reconcile.DaemonThreads;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.signal.SignalService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Rebuilds a period's folded data from the stored calls (after a fix or a new folding rule), a day per transaction,
 * while the service keeps consuming and serving: the rebuild writes with the same commutative upserts as the fold,
 * so a poll folded meanwhile is neither lost nor counted twice. Then the work units with a call in the period are
 * recomputed from all their calls.
 */
@ApplicationScoped
public class UsageRebuilds {
    private static final Logger LOG = Logger.getLogger(UsageRebuilds.class);

    /** A rebuild's progress: days done of the period's days, then the work units. */
    public record Rebuild(UUID id, String period, String status, int daysDone, int days, long rollups, long units,
            String error, Instant startedAt, Instant finishedAt) {
    }

    private final UsageRepository repository;
    private final PeriodUsageRepository reads;
    private final Map<UUID, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(DaemonThreads.named("usage-rebuild"));

    private final UnitJudgements judgements;
    private final SignalService signals;

    public UsageRebuilds(UsageRepository repository, PeriodUsageRepository reads, UnitJudgements judgements,
            SignalService signals) {
        this.repository = repository;
        this.reads = reads;
        this.judgements = judgements;
        this.signals = signals;
    }

    public Rebuild start(Period period) {
        UUID id = UUID.randomUUID();
        int days = (int) java.time.Duration.between(period.start(), period.end()).toDays();
        Rebuild queued = new Rebuild(id, period.label(), "running", 0, days, 0, 0, null, Instant.now(), null);
        rebuilds.put(id, queued);
        executor.submit(() -> run(queued, period));
        return queued;
    }

    public Optional<Rebuild> find(UUID id) {
        return Optional.ofNullable(rebuilds.get(id));
    }

    private void run(Rebuild r, Period period) {
        long rollups = 0;
        try {
            for (int d = 0; d < r.days(); d++) {
                Instant from = period.start().plusSeconds(86_400L * d);
                rollups += retried(() -> QuarkusTransaction.requiringNew().call(() -> {
                    reads.snapshotIsolation();
                    return repository.rebuildHourly(from, from.plusSeconds(86_400));
                }));
                for (int h = 0; h < 24; h++) {
                    Instant hour = from.plusSeconds(3600L * h);
                    retried(() -> signals.rebuildHour(hour));
                }
                rebuilds.put(r.id(), new Rebuild(r.id(), r.period(), "running", d + 1, r.days(), rollups, 0, null,
                        r.startedAt(), null));
            }
            long units = QuarkusTransaction.requiringNew().call(() -> {
                int rebuilt = repository.rebuildUnits(period.start(), period.end());
                judgements.judgeRange(period.start(), period.end());
                return rebuilt;
            });
            rebuilds.put(r.id(), new Rebuild(r.id(), r.period(), "completed", r.days(), r.days(), rollups, units, null,
                    r.startedAt(), Instant.now()));
            LOG.infof("period %s: folded data rebuilt from stored calls: %d hourly rollups, %d work units",
                    r.period(), rollups, units);
        } catch (RuntimeException e) {
            LOG.errorf(e, "period %s: rebuild failed", r.period());
            Rebuild now = rebuilds.get(r.id());
            rebuilds.put(r.id(), new Rebuild(r.id(), r.period(), "failed", now.daysDone(), r.days(), rollups, 0,
                    e.getMessage(), r.startedAt(), Instant.now()));
        }
    }

    /** Runs a rebuild step again when a concurrent poll changed what it deleted (SQLSTATE 40001), up to 5 times. */
    private static <T> T retried(Supplier<T> step) {
        for (int attempt = 1;; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (attempt == 5 || !serializationFailure(e)) {
                    throw e;
                }
                LOG.debugf("rebuild step met a concurrent poll, attempt %d: %s", attempt, e.getMessage());
            }
        }
    }

    private static boolean serializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
