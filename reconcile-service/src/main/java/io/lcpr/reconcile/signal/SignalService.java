package io.lcpr.reconcile.signal;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lcpr.events.TraceRecordedV1;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.usage.UsageRepository;
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
    private final UsageRepository usage;

    public SignalService(SignalRepository repository, SignalCompactor compactor, UsageRepository usage) {
        this.repository = repository;
        this.compactor = compactor;
        this.usage = usage;
    }

    /** Folds the traces whose dedupe key is in {@code fresh} (each once), inside the caller's transaction. */
    public void fold(List<TraceRecordedV1> events, Set<String> fresh) {
        Set<String> pending = new HashSet<>(fresh);
        Map<SignalKey, SignalRollup> rollups = new HashMap<>();
        for (TraceRecordedV1 e : events) {
            if (pending.remove(e.dedupeKey())) {
                rollups.computeIfAbsent(SignalKey.of(e.trace()), k -> new SignalRollup()).add(e.trace(),
                        UsageRepository.weight(e.trace()));
            }
        }
        repository.append(rollups);
        rollups.keySet().forEach(k -> compactor.touched(k.hour()));
    }

    /** Folds an hour's stored calls again, in place of what was folded; returns the calls folded. */
    @Transactional
    public long rebuildHour(Instant hour) {
        Instant end = hour.plusSeconds(3600);
        usage.snapshotIsolation();
        repository.delete(hour, end);
        Map<SignalKey, SignalRollup> rollups = new HashMap<>();
        long[] calls = { 0 };
        usage.streamStoredTraces(hour, end, (t, weight) -> {
            rollups.computeIfAbsent(SignalKey.of(t), k -> new SignalRollup()).add(t, weight);
            calls[0]++;
        });
        repository.append(rollups);
        return calls[0];
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
        merged.forEach((k, r) -> out.put(k, r.summary()));
        return out;
    }
}
