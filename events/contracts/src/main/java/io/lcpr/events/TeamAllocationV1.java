package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code chargeback.allocations.monthly.v1}: what one team is charged for a period under one allocation mode.
 * Sent as a binary-mode CloudEvent (type {@link #CLOUDEVENT_TYPE}); key: the team. The unknown bucket is a team
 * named {@code unknown}, so the allocations of a run add up to {@code totalAllocated}.
 */
@RegisterForReflection
public record TeamAllocationV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, UUID runId,
        String period, String mode, String team, String currency, BigDecimal amount, BigDecimal share,
        BigDecimal totalAllocated, Map<String, BigDecimal> byWorkload) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUDEVENT_TYPE = "io.lcpr.chargeback.allocation.monthly.v1";
    public static final String UNKNOWN_TEAM = "unknown";
}
