package io.lcpr.pricing.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One price entry as submitted (snake_case), prices per million tokens. Defaults: tier standard, no region,
 * USD, cache prices equal to the input price (no discount assumed unless the rate card says so). {@code unitPrices}:
 * USD per unit of non-token charges (BillableUnits), e.g. {@code {"web_search": 0.01}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EntryDraft(String provider, String model, String serviceTier, String region, Instant effectiveFrom,
        Instant effectiveTo, String currency, BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion,
        BigDecimal cacheWritePerMillion, BigDecimal cacheWrite1hPerMillion, BigDecimal outputPerMillion,
        BigDecimal reasoningPerMillion, Long longContextThresholdTokens, BigDecimal longContextInputPerMillion,
        BigDecimal longContextCacheReadPerMillion, BigDecimal longContextCacheWritePerMillion,
        BigDecimal longContextOutputPerMillion, Map<String, BigDecimal> unitPrices) {

    /** A draft of token prices only. */
    public EntryDraft(String provider, String model, String serviceTier, String region, Instant effectiveFrom,
            Instant effectiveTo, String currency, BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion,
            BigDecimal cacheWritePerMillion, BigDecimal cacheWrite1hPerMillion, BigDecimal outputPerMillion,
            BigDecimal reasoningPerMillion, Long longContextThresholdTokens, BigDecimal longContextInputPerMillion,
            BigDecimal longContextCacheReadPerMillion, BigDecimal longContextCacheWritePerMillion,
            BigDecimal longContextOutputPerMillion) {
        this(provider, model, serviceTier, region, effectiveFrom, effectiveTo, currency, inputPerMillion,
                cacheReadPerMillion, cacheWritePerMillion, cacheWrite1hPerMillion, outputPerMillion, reasoningPerMillion,
                longContextThresholdTokens, longContextInputPerMillion, longContextCacheReadPerMillion,
                longContextCacheWritePerMillion, longContextOutputPerMillion, null);
    }

    /** The draft with its defaults filled in; call after validation. */
    public EntryDraft normalized() {
        return new EntryDraft(provider.toLowerCase(Locale.ROOT), model, serviceTier == null ? "standard" : serviceTier,
                region == null ? "" : region, effectiveFrom, effectiveTo,
                currency == null ? "USD" : currency.toUpperCase(Locale.ROOT), inputPerMillion,
                cacheReadPerMillion == null ? inputPerMillion : cacheReadPerMillion,
                cacheWritePerMillion == null ? inputPerMillion : cacheWritePerMillion, cacheWrite1hPerMillion,
                outputPerMillion, reasoningPerMillion, longContextThresholdTokens, longContextInputPerMillion,
                longContextCacheReadPerMillion, longContextCacheWritePerMillion, longContextOutputPerMillion,
                unitPrices == null || unitPrices.isEmpty() ? null : new java.util.TreeMap<>(unitPrices));
    }

    public String keyLabel() {
        return clip(provider) + "/" + clip(model) + "/" + (serviceTier == null ? "standard" : clip(serviceTier))
                + (region == null || region.isEmpty() ? "" : "@" + clip(region));
    }

    /** A label names the entry, it does not repeat a 70,000-character value back. */
    private static String clip(String value) {
        return value == null || value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
