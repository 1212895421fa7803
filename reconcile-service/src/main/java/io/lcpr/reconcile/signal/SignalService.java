package io.lcpr.reconcile.signal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.usage.FoldKeys;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Operating signals: folded from each poll's new traces in the poll's transaction (so a trace is in the signals
 * exactly when it is in the usage store), rebuilt from stored calls an hour at a time, and read merged by one
 * dimension.
 */
@ApplicationScoped
public class SignalService {
    private final SignalRepository repository;
    private final SignalCompactor compactor;
    private final PeriodUsageRepository usage;

    private final KeyUsageRepository keys;

    public SignalService(SignalRepository repository, SignalCompactor compactor, PeriodUsageRepository usage,
            KeyUsageRepository keys) {
        this.keys = keys;
        this.repository = repository;
        this.compactor = compactor;
        this.usage = usage;
    }

    /** Folds a poll's new traces (each once), inside the caller's transaction. */
    public void fold(List<CanonicalTrace> traces) {
        Map<SignalKey, SignalRollup> rollups = new HashMap<>();
        Map<SignalRepository.CountKey, long[]> counts = new HashMap<>();
        Map<KeyUsageRepository.Key, long[]> byKey = new HashMap<>();
        for (CanonicalTrace t : traces) {
            int weight = FoldKeys.weight(t);
            rollups.computeIfAbsent(SignalKey.of(t), k -> new SignalRollup()).add(t, weight);
            count(counts, t, weight);
            KeyUsageRepository.add(byKey, t, weight);
        }
        repository.append(rollups);
        repository.appendCounts(counts);
        keys.append(byKey);
        rollups.keySet().forEach(k -> compactor.touched(k.hour()));
    }

    /** Folds an hour's stored calls again, in place of what was folded; returns the calls folded. */
    @Transactional
    public long rebuildHour(Instant hour) {
        Instant end = hour.plusSeconds(3600);
        usage.snapshotIsolation();
        repository.delete(hour, end);
        keys.delete(hour, end);
        Map<SignalKey, SignalRollup> rollups = new HashMap<>();
        Map<KeyUsageRepository.Key, long[]> byKey = new HashMap<>();
        long[] calls = { 0 };
        Map<SignalRepository.CountKey, long[]> counts = new HashMap<>();
        usage.streamStoredTraces(hour, end, (t, weight) -> {
            rollups.computeIfAbsent(SignalKey.of(t), k -> new SignalRollup()).add(t, weight);
            count(counts, t, weight);
            KeyUsageRepository.add(byKey, t, weight);
            calls[0]++;
        });
        repository.append(rollups);
        repository.appendCounts(counts);
        keys.append(byKey);
        return calls[0];
    }

    /** Adds a call to its five-minute bucket's calls and failed calls. */
    private static void count(Map<SignalRepository.CountKey, long[]> counts, CanonicalTrace t, int weight) {
        SignalKey k = SignalKey.of(t);
        long[] c = counts.computeIfAbsent(new SignalRepository.CountKey(SignalKey.bucket5m(t.startedAt()),
                k.provider(), k.model()), x -> new long[2]);
        c[0] += weight;
        if (t.errored()) {
            c[1] += weight;
        }
    }

    /** The dimensions the five-minute counts are kept by. */
    public static final java.util.Set<SignalKey.Dimension> COUNTED_BY = java.util.EnumSet.of(
            SignalKey.Dimension.PROVIDER, SignalKey.Dimension.MODEL);

    /**
     * Calls and failed calls of [from, to) (whole five-minute buckets) per provider or per model: what an alert
     * window shorter than an hour reads.
     */
    @Transactional
    public Map<String, long[]> counts(Instant from, Instant to, SignalKey.Dimension by) {
        if (!COUNTED_BY.contains(by)) {
            throw new IllegalArgumentException("five-minute counts are kept per provider and model, not " + by);
        }
        Map<String, long[]> out = new TreeMap<>();
        repository.counts(from, to).forEach((key, c) -> {
            String scope = by == SignalKey.Dimension.PROVIDER ? key.provider() : key.provider() + "/" + key.model();
            long[] sum = out.computeIfAbsent(scope, k -> new long[2]);
            sum[0] += c[0];
            sum[1] += c[1];
        });
        return out;
    }

    /** The period's signals merged per value of one dimension, in key order. */
    @Transactional
    public Map<String, SignalRollup.Summary> read(Period period, SignalKey.Dimension by) {
        return read(period.start(), period.end(), by);
    }

    /** One workload's signals of the hours in [from, to): merged, and its calls per hour. */
    @Transactional
    public Map.Entry<SignalRollup.Summary, Map<Instant, Long>> workload(Instant from, Instant to, String workload) {
        SignalRollup merged = new SignalRollup();
        Map<Instant, Long> callsByHour = new TreeMap<>();
        repository.stream(from, to, (key, rollup) -> {
            if (key.workload().equals(workload)) {
                merged.merge(rollup);
                callsByHour.merge(key.hour(), rollup.calls, Long::sum);
            }
        });
        return Map.entry(merged.summary(), callsByHour);
    }

    /** The signals of the hours in [from, to) merged per value of one dimension, in key order. */
    @Transactional
    public Map<String, SignalRollup.Summary> read(Instant from, Instant to, SignalKey.Dimension by) {
        Map<String, SignalRollup> merged = new TreeMap<>();
        repository.stream(from, to, (key, rollup) -> merged.merge(key.on(by), rollup, (a, b) -> {
            a.merge(b);
            return a;
        }));
        Map<String, SignalRollup.Summary> out = new TreeMap<>();
        Histogram scratch = SignalRollup.scratch();
        merged.forEach((k, r) -> out.put(k, r.summary(scratch)));
        return out;
    }
}
