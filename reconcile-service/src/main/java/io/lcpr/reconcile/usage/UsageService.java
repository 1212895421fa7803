package io.lcpr.reconcile.usage;

import io.lcpr.delivery.Inbox;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PriceVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Applies consumed traces and outcomes to reconcile's usage copies, each event once (inbox row in the same transaction). */
@ApplicationScoped
public class UsageService {
    private final Inbox inbox;

    public UsageService(Inbox inbox) {
        this.inbox = inbox;
    }

    @Transactional
    public void record(TraceRecordedV1 event) {
        if (!inbox.firstDelivery("reconcile.traces", event.eventId())
                || UsageCallEntity.count("dedupeKey", event.dedupeKey()) > 0) {
            return;
        }
        CanonicalTrace t = event.trace();
        UsageCallEntity e = new UsageCallEntity();
        e.dedupeKey = event.dedupeKey();
        e.requestId = t.requestId();
        e.workUnitId = t.workUnitId();
        e.attemptKind = t.attemptKind();
        e.workload = t.workload();
        e.team = t.team();
        e.provider = t.provider();
        e.projectId = t.projectId();
        e.model = t.model();
        e.serviceTier = t.serviceTier();
        e.startedAt = t.startedAt();
        e.inputTokens = t.inputTokens();
        e.cacheReadTokens = t.cacheReadOrZero();
        e.cacheCreationTokens = t.cacheCreationOrZero();
        e.outputTokens = t.outputOrZero();
        e.reasoningTokens = t.reasoningTokens() == null ? 0 : t.reasoningTokens();
        e.ttftMs = t.ttftMs();
        e.e2eMs = t.e2eMs();
        e.persist();
    }

    @Transactional
    public void record(OutcomeRecordedV1 event) {
        if (!inbox.firstDelivery("reconcile.outcomes", event.eventId())) {
            return;
        }
        Outcome o = event.outcome();
        OutcomeVerdictEntity e = new OutcomeVerdictEntity();
        e.eventId = event.eventId();
        e.kind = o.kind();
        e.requestId = o.requestId();
        e.workUnitId = o.workUnitId();
        e.passed = o.passed();
        e.humanCost = o.humanCost();
        e.observedAt = o.observedAt() != null ? o.observedAt() : event.occurredAt();
        e.persist();
    }

    public UsageSummary summary(Period period) {
        return new UsageSummary(UsageCallEntity.count("startedAt >= ?1 and startedAt < ?2", period.start(), period.end()),
                OutcomeVerdictEntity.count(), PriceVersionEntity.count());
    }

    /** What reconcile has received so far: calls in the period, outcomes and price versions overall. */
    public record UsageSummary(long calls, long outcomes, long priceVersions) {
    }
}
