package io.lcpr.reconcile.pricing;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.delivery.OutlastsDatabaseOutage;
import io.lcpr.events.EventJson;
import io.lcpr.events.InvalidEventException;
import io.lcpr.events.ModelAliasV1;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.RevenueTermV1;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kafka adapter for pricing-service's compacted topics: parses and hands over. Transient failures (database) are
 * retried here; an unparseable record aborts the retries and the channel's dead-letter policy sends it to
 * reconcile-service.dlq.
 */
@ApplicationScoped
@OutlastsDatabaseOutage
public class PricingEventsConsumer {
    private final PricingCopyService copies;

    public PricingEventsConsumer(PricingCopyService copies) {
        this.copies = copies;
    }

    @Incoming("prices")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onPrice(String payload) {
        copies.record(EventJson.read(payload, PricingSnapshotV1.class));
    }

    @Incoming("aliases")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onAlias(String payload) {
        copies.record(EventJson.read(payload, ModelAliasV1.class));
    }

    @Incoming("contracts")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onContract(String payload) {
        copies.record(EventJson.read(payload, ProviderContractV1.class));
    }

    @Incoming("revenue-terms")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onRevenueTerm(String payload) {
        copies.record(EventJson.read(payload, RevenueTermV1.class));
    }
}
