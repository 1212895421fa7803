package io.lcpr.price;

import java.math.BigDecimal;

import io.lcpr.events.PricingSnapshotV1;

/**
 * A price entry as published on pricing.snapshots.v1, as the shared price history reads it: one reading for every
 * service that prices calls from the topic (reconcile-service, graphql-api).
 */
public final class SnapshotEntries {
    private SnapshotEntries() {
    }

    public static PriceHistory.Entry entry(PricingSnapshotV1 e) {
        // A rate card that prices no cache read or write charges them as plain input.
        BigDecimal read = e.cacheReadPerMillion() != null ? e.cacheReadPerMillion() : e.inputPerMillion();
        BigDecimal write = e.cacheWritePerMillion() != null ? e.cacheWritePerMillion() : e.inputPerMillion();
        Rates.LongContext longContext = e.longContextThresholdTokens() == null ? null
                : new Rates.LongContext(e.longContextThresholdTokens(), e.longContextInputPerMillion(),
                        e.longContextCacheReadPerMillion(), e.longContextCacheWritePerMillion(),
                        e.longContextOutputPerMillion());
        Rates rates = new Rates(e.inputPerMillion(), read, write, e.cacheWrite1hPerMillion(), e.outputPerMillion(),
                e.reasoningPerMillion(), longContext,
                e.unitPrices() == null ? null : new java.util.TreeMap<>(e.unitPrices()));
        return new PriceHistory.Entry(e.snapshotId().toString(), e.provider(), e.model(), e.serviceTier(),
                e.region() == null ? "" : e.region(), e.effectiveFrom(), e.effectiveTo(), e.versionOrder(),
                e.currency(), rates);
    }
}
