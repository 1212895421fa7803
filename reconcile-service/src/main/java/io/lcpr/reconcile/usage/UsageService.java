package io.lcpr.reconcile.usage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.reconcile.attribution.AttributionRepository;
import io.lcpr.reconcile.goodput.LoadTestRepository;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.signal.SignalService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Applies consumed traces and outcomes to reconcile's usage store, a poll at a time and each event once: a trace
 * is new by its dedupe key (its event id derives from it), an outcome by its event id, both checked by the insert
 * itself in the poll's one transaction.
 */
@ApplicationScoped
public class UsageService {
    private final UsageRepository repository;
    private final PeriodUsageRepository reads;
    private final UnitJudgements judgements;
    private final SignalService signals;
    private final ConsumerLag lag;
    private final AttributionRepository attribution;
    private final LoadTestRepository loadTests;

    public UsageService(UsageRepository repository, PeriodUsageRepository reads, UnitJudgements judgements,
            SignalService signals, ConsumerLag lag, AttributionRepository attribution, LoadTestRepository loadTests) {
        this.repository = repository;
        this.reads = reads;
        this.judgements = judgements;
        this.signals = signals;
        this.lag = lag;
        this.attribution = attribution;
        this.loadTests = loadTests;
    }

    /** Stores, folds (usage, units, operating signals) and judges the poll's new traces; returns how many were new. */
    @Transactional
    public int recordTraces(List<TraceRecordedV1> events) {
        if (events.isEmpty()) {
            return 0;
        }
        repository.keyedAccessOnly();
        UsageRepository.Folded folded = repository.insertTraces(events);
        List<CanonicalTrace> stored = firstOfEach(events, folded.storedBefore());
        if (!stored.isEmpty()) {
            // a unit the fold judged from this poll alone is done; a stored unit it locked gets the poll's attempts
            // and is judged, and a new one it left open (verdicts waited for its calls) is judged from its row; a
            // verdict that waited for one of the poll's graders now names its unit, which is locked and judged
            judgements.mergeLocked(folded.toMerge());
            judgements.judgeLocked(folded.openUnits());
            judgements.lockAndJudge(folded.unitsToLock());
            signals.fold(stored);
            attribution.fold(stored);
            loadTests.fold(stored);
        }
        repository.addSums(folded); // last: the hourly rows a poll beside this one adds to are held until commit
        return stored.size();
    }

    /** Stores the poll's new outcomes and judges their units again; returns how many were new. */
    @Transactional
    public int recordOutcomes(List<OutcomeRecordedV1> events) {
        if (events.isEmpty()) {
            return 0;
        }
        repository.keyedAccessOnly();
        List<String> units = repository.insertOutcomes(events);
        judgements.lockAndJudge(units.stream().filter(Objects::nonNull).toList());
        return units.size();
    }

    @Transactional
    public UsageSummary summary(Period period) {
        long[] counts = reads.counts(period);
        return new UsageSummary(counts[0], counts[1], counts[2], lag.current());
    }

    /**
     * What reconcile has received so far: calls in the period, outcomes and price versions overall, and how far the
     * consumer group is behind on each topic (-1 until read).
     */
    public record UsageSummary(long calls, long outcomes, long priceVersions, Map<String, Long> consumerLag) {
    }

    /**
     * The poll's traces that were new to the store, each once (a trace delivered twice in a poll is stored once): the
     * first of each dedupe key not stored before.
     */
    private static List<CanonicalTrace> firstOfEach(List<TraceRecordedV1> events, Set<String> storedBefore) {
        Set<String> seen = new HashSet<>(storedBefore);
        List<CanonicalTrace> out = new ArrayList<>(events.size());
        for (TraceRecordedV1 e : events) {
            if (seen.add(e.dedupeKey())) {
                out.add(e.trace());
            }
        }
        return out;
    }
}
