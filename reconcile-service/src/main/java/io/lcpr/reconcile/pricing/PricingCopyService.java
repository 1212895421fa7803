package io.lcpr.reconcile.pricing;

import java.util.List;

import io.lcpr.delivery.Inbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.ModelAliasV1;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.RevenueTermV1;
import io.lcpr.price.ContractTerms;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.SnapshotEntries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * reconcile-service's copies of pricing-service's price entries, aliases and contracts, each event applied once
 * (inbox row in the same transaction), and the price history built from them.
 */
@ApplicationScoped
public class PricingCopyService {
    private final Inbox inbox;

    public PricingCopyService(Inbox inbox) {
        this.inbox = inbox;
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

    @Transactional
    public void record(RevenueTermV1 event) {
        if (!inbox.firstDelivery("reconcile.revenue-terms", event.eventId())) {
            return;
        }
        RevenueTermEntity t = RevenueTermEntity.<RevenueTermEntity> findByIdOptional(event.termId())
                .orElseGet(RevenueTermEntity::new);
        t.termId = event.termId();
        t.workload = event.workload();
        t.account = event.account();
        t.event = EventJson.write(event);
        t.persist();
    }

    /** Every revenue term received (their newest statements). */
    @Transactional
    public List<RevenueTermV1> revenueTerms() {
        return RevenueTermEntity.<RevenueTermEntity> listAll().stream()
                .map(t -> EventJson.read(t.event, RevenueTermV1.class)).toList();
    }

    /** Every contract received (its newest statement). */
    @Transactional
    public List<ProviderContractV1> contracts() {
        return ContractCopyEntity.<ContractCopyEntity> listAll().stream()
                .map(c -> EventJson.read(c.event, ProviderContractV1.class)).toList();
    }

    /** The model and tier discounts of every contract received, for the contract rate of calls and bill lines. */
    @Transactional
    public ContractTerms contractTerms() {
        ContractTerms terms = new ContractTerms();
        ContractCopyEntity.<ContractCopyEntity> listAll().stream()
                .map(c -> EventJson.read(c.event, ProviderContractV1.class))
                .forEach(c -> (c.discounts() == null ? List.<ProviderContractV1.Discount> of() : c.discounts())
                        .forEach(d -> terms.add(new ContractTerms.Discount(c.provider(), c.billingAccount(), d.model(),
                                d.serviceTier(), d.factor(), c.effectiveFrom(), c.effectiveTo()))));
        return terms;
    }

    /** Every price entry, alias and contract batch discount received: the same rules pricing-service applies. */
    @Transactional
    public PriceHistory history() {
        PriceHistory history = new PriceHistory();
        PriceVersionEntity.<PriceVersionEntity> listAll()
                .forEach(v -> history.add(SnapshotEntries.entry(EventJson.read(v.event, PricingSnapshotV1.class))));
        PriceAliasEntity.<PriceAliasEntity> listAll().forEach(a -> history.alias(a.key.provider, a.key.alias, a.model));
        ContractCopyEntity.<ContractCopyEntity> listAll().stream()
                .map(c -> EventJson.read(c.event, ProviderContractV1.class))
                .filter(c -> c.batchDiscountFactor() != null)
                .forEach(c -> history.batchFactor(c.provider(), c.batchDiscountFactor()));
        return history;
    }
}
