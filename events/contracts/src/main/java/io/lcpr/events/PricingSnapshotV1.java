package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code pricing.snapshots.v1} (compacted): the rates for one price key from {@code effectiveFrom} on. Key:
 * {@code provider|model|serviceTier|effectiveFrom}, so compaction keeps every version of the history. Prices are
 * per million tokens, exact decimals.
 */
@RegisterForReflection
public record PricingSnapshotV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer,
        UUID snapshotId, String provider, String model, String serviceTier, Instant effectiveFrom, String currency,
        BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion, BigDecimal cacheWritePerMillion,
        BigDecimal outputPerMillion, String source) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;

    public String key() {
        return provider + "|" + model + "|" + serviceTier + "|" + effectiveFrom;
    }
}
