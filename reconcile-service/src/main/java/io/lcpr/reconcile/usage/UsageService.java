package io.lcpr.reconcile.usage;

import java.util.List;
import java.util.Map;

import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.reconcile.period.Period;
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
    private final ConsumerLag lag;

    public UsageService(UsageRepository repository, ConsumerLag lag) {
        this.repository = repository;
        this.lag = lag;
    }

    /** Returns how many of the traces were new. */
    @Transactional
    public int recordTraces(List<TraceRecordedV1> events) {
        return events.isEmpty() ? 0 : repository.insertTraces(events);
    }

    /** Returns how many of the outcomes were new. */
    @Transactional
    public int recordOutcomes(List<OutcomeRecordedV1> events) {
        return events.isEmpty() ? 0 : repository.insertOutcomes(events);
    }

    @Transactional
    public UsageSummary summary(Period period) {
        long[] counts = repository.counts(period);
        return new UsageSummary(counts[0], counts[1], counts[2], lag.current());
    }

    /**
     * What reconcile has received so far: calls in the period, outcomes and price versions overall, and how far the
     * consumer group is behind on each topic (-1 until read).
     */
    public record UsageSummary(long calls, long outcomes, long priceVersions, Map<String, Long> consumerLag) {
    }
}
