package io.lcpr.reconcile.usage;

import io.lcpr.delivery.Inbox;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.ModelAliasV1;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.EventJson;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.reconcile.pricing.ContractCopyEntity;
import io.lcpr.reconcile.pricing.PriceAliasEntity;
import io.lcpr.reconcile.pricing.PriceVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Applies consumed events to reconcile's local copies, each event once (inbox row in the same transaction). */
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

    @Transactional
    public void record(PricingSnapshotV1 event) {
        if (!inbox.firstDelivery("reconcile.prices", event.eventId())
                || PriceVersionEntity.count("snapshotId", event.snapshotId()) > 0) {
            return;
        }
        PriceVersionEntity e = new PriceVersionEntity();
        e.snapshotId = event.snapshotId();
        e.versionOrder = event.versionOrder();
        e.provider = event.provider();
        e.model = event.model();
        e.serviceTier = event.serviceTier();
        e.region = event.region() == null ? "" : event.region();
        e.effectiveFrom = event.effectiveFrom();
        e.effectiveTo = event.effectiveTo();
        e.event = EventJson.write(event);
        e.persist();
    }

    @Transactional
    public void record(ModelAliasV1 event) {
        if (!inbox.firstDelivery("reconcile.aliases", event.eventId())) {
            return;
        }
        PriceAliasEntity.Key key = new PriceAliasEntity.Key(event.provider(), event.alias());
        PriceAliasEntity a = PriceAliasEntity.<PriceAliasEntity> findByIdOptional(key).orElseGet(PriceAliasEntity::new);
        a.key = key;
        a.model = event.model();
        a.persist();
    }

    @Transactional
    public void record(ProviderContractV1 event) {
        if (!inbox.firstDelivery("reconcile.contracts", event.eventId())) {
            return;
        }
        ContractCopyEntity c = ContractCopyEntity.<ContractCopyEntity> findByIdOptional(event.contractId())
                .orElseGet(ContractCopyEntity::new);
        c.contractId = event.contractId();
        c.provider = event.provider();
        c.event = EventJson.write(event);
        c.persist();
    }

    public UsageSummary summary(java.time.Instant from, java.time.Instant to) {
        return new UsageSummary(UsageCallEntity.count("startedAt >= ?1 and startedAt < ?2", from, to),
                OutcomeVerdictEntity.count(), PriceVersionEntity.count());
    }

    /** What reconcile has received so far: calls in the period, outcomes and price versions overall. */
    public record UsageSummary(long calls, long outcomes, long priceVersions) {
    }
}
