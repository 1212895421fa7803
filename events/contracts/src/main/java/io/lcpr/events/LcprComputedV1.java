package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code lcpr.computed.v1}: loaded cost per accepted result of one workload in one period (DESIGN.md section 4),
 * with its numerator parts, its denominator breakdown and the trace-derived cost per team for chargeback.
 * Key: the workload.
 */
@RegisterForReflection
public record LcprComputedV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, UUID runId,
        String period, String workload, String currency,
        BigDecimal inferenceCost, BigDecimal evalCost, BigDecimal humanCost, BigDecimal opsCost, BigDecimal delta,
        BigDecimal loadedCost, BigDecimal lcpr, BigDecimal naiveCostPerUnit,
        long attemptedUnits, long acceptedUnits, long firstAttemptPass, long recovered, long escalated,
        long unrecovered, Map<String, Long> callsByAttemptKind, Map<String, BigDecimal> traceCostByTeam,
        BigDecimal revenue, BigDecimal loadedMarginPct, BigDecimal naiveMarginPct) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
}
