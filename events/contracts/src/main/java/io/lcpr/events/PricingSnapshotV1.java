package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code pricing.snapshots.v1} (compacted): one price entry, the rates of a key (provider, model, tier, region)
 * from {@code effectiveFrom}, as stated by snapshot version {@code versionOrder}. Key:
 * {@code provider|model|tier|region|effectiveFrom}, so compaction keeps the whole history and a correction
 * (a newer version restating the same start) replaces what it corrects. Prices are per million tokens, exact.
 * Optional: {@code effectiveTo}, 1-hour cache writes, reasoning, the long-context tier, and {@code unitPrices}: USD
 * per unit of the charges billed by something other than a token (BillableUnits: {@code request}, {@code web_search},
 * {@code output_image}...).
 */
@RegisterForReflection
public record PricingSnapshotV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer,
        UUID snapshotId, UUID versionId, long versionOrder, String provider, String model, String serviceTier,
        String region, Instant effectiveFrom, Instant effectiveTo, String currency, BigDecimal inputPerMillion,
        BigDecimal cacheReadPerMillion, BigDecimal cacheWritePerMillion, BigDecimal cacheWrite1hPerMillion,
        BigDecimal outputPerMillion, BigDecimal reasoningPerMillion, Long longContextThresholdTokens,
        BigDecimal longContextInputPerMillion, BigDecimal longContextCacheReadPerMillion,
        BigDecimal longContextCacheWritePerMillion, BigDecimal longContextOutputPerMillion, String source,
        Map<String, BigDecimal> unitPrices)
        implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;

    public String key() {
        return provider + "|" + model + "|" + serviceTier + "|" + (region == null ? "" : region) + "|" + effectiveFrom;
    }
}
