package io.lcpr.reconcile.usage;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.lcpr.delivery.DatabaseOutage;
import io.lcpr.reconcile.DaemonThreads;
import io.lcpr.reconcile.ReconcileConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Folds the work-unit tally ledger's appends into one row per workload, day, result and team every
 * {@code reconcile.units.compact-every.ms}, so that a run (and its fingerprint) sums a compact ledger instead of
 * compacting a month of appends itself. Replicas may pass side by side: a row is deleted by one of them only.
 */
@ApplicationScoped
public class UnitTallyCompactor {
    private static final Logger LOG = Logger.getLogger(UnitTallyCompactor.class);

    private final UnitJudgements judgements;
    private final ReconcileConfig config;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("unit-tally-compactor"));

    public UnitTallyCompactor(UnitJudgements judgements, ReconcileConfig config) {
        this.judgements = judgements;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        long every = config.unitsCompactEveryMs();
        executor.scheduleWithFixedDelay(this::pass, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * One pass over the days appended to since the last; returns the compacted rows written. A pass called while
     * this instance's scheduled one runs waits for it, as {@code SignalCompactor}'s passes do.
     */
    public synchronized int compactAppended() {
        return QuarkusTransaction.requiringNew().call(() -> judgements.appendedDays()
                .map(days -> judgements.compact(days[0], days[1])).orElse(0));
    }

    private void pass() {
        try {
            long t0 = System.nanoTime();
            int rows = compactAppended();
            if (rows > 0) {
                LOG.debugf("work-unit tally: appended days compacted to %d rows in %d ms", rows,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) { // the next pass tries again; a run compacts what is left of its period
            if (DatabaseOutage.unreachable(e)) {
                LOG.debugf("work-unit tally not compacted while the database is unreachable: %s", e.getMessage());
            } else {
                LOG.warnf(e, "compacting the work-unit tally failed; tried again next pass");
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
