package io.lcpr.pricing.snapshot;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A new price version, prices per million tokens. Cache prices default to the input price when absent: no cache
 * discount is assumed unless the rate card says so.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SnapshotRequest(String provider, String model, String serviceTier, Instant effectiveFrom,
        String currency, BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion, BigDecimal cacheWritePerMillion,
        BigDecimal outputPerMillion, String source, String changedBy) {
}
