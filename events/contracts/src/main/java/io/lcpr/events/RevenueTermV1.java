package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code pricing.revenue-terms.v1} (compacted, key: the term id): revenue per accepted unit of a workload, or a fixed
 * monthly amount per workload or customer account; kind is {@code per_accepted_unit} or {@code fixed_monthly}.
 */
@RegisterForReflection
public record RevenueTermV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, UUID termId,
        String workload, String account, String kind, BigDecimal amount, String currency, Instant effectiveFrom,
        Instant effectiveTo) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
}
