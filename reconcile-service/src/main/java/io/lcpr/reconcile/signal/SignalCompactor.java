package io.lcpr.reconcile.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.lcpr.reconcile.DaemonThreads;
import io.lcpr.reconcile.ReconcileConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Merges the operating-signal rows of the hours this instance appended to, every
 * {@code reconcile.signals.compact-every.ms}, an hour per transaction. An hour another replica appended to is merged
 * by that replica; an hour left unmerged (a restart between a poll and a pass) is still read right, only slower.
 * The gauge {@code reconcile_signals_hours_to_compact} counts the hours waiting for a pass or in one.
 */
@ApplicationScoped
public class SignalCompactor {
    private static final Logger LOG = Logger.getLogger(SignalCompactor.class);

    private final SignalRepository repository;
    private final ReconcileConfig config;
    private final Set<Instant> touched = ConcurrentHashMap.newKeySet();
    /** Hours of the pass under way not merged yet. */
    private final AtomicInteger inPass = new AtomicInteger();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("signal-compactor"));

    private final KeyUsageRepository keys;

    public SignalCompactor(SignalRepository repository, ReconcileConfig config, KeyUsageRepository keys,
            MeterRegistry registry) {
        this.keys = keys;
        this.repository = repository;
        this.config = config;
        Gauge.builder("reconcile.signals.hours.to.compact", this, SignalCompactor::hoursToCompact)
                .description("hours of operating signals appended to and not merged yet").register(registry);
    }

    /** Hours appended to and not merged yet: waiting for the next pass, or in this one. */
    public int hoursToCompact() {
        return touched.size() + inPass.get();
    }

    void start(@Observes StartupEvent event) {
        long every = config.signalsCompactEveryMs();
        executor.scheduleWithFixedDelay(this::compactTouched, every, every, TimeUnit.MILLISECONDS);
    }

    void touched(Instant hour) {
        touched.add(hour);
    }

    /**
     * One pass over the hours appended to since the last; returns the rows merged away. A pass called while another
     * runs (the scheduled one, and a test's or an operator's) waits for it: when it returns, every hour touched
     * before the call is merged or waiting again after a failure.
     */
    public synchronized int compactTouched() {
        List<Instant> hours = new ArrayList<>(touched);
        inPass.addAndGet(hours.size());
        touched.removeAll(hours);
        int merged = 0;
        for (Instant hour : hours) {
            try {
                merged += QuarkusTransaction.requiringNew().call(() -> repository.compact(hour) + keys.compact(hour));
            } catch (RuntimeException e) {
                touched.add(hour); // tried again next pass
                LOG.warnf(e, "compacting the operating signals of %s failed; retried next pass", hour);
            } finally {
                inPass.decrementAndGet();
            }
        }
        if (merged > 0) {
            LOG.debugf("operating signals: %d hours compacted, %d rows merged away", hours.size(), merged);
        }
        return merged;
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
