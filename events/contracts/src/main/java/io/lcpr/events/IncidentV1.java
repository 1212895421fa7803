package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code incidents.v1} (key: the incident id): an inference incident and what it cost (001 ch 26), published when
 * declared, each time it is updated, and when closed ({@code status} declared, updated, closed). Its cost: the
 * inference above the workloads' baseline cost per work unit, the human escalation cost above their baseline rate,
 * and engineering time; its blast radius: requests and work units from its start to its mitigation; LCPR during
 * against before. Optional: {@code alertId} (the alert that opened it), the detection, mitigation and resolution
 * times and what follows from them.
 */
@RegisterForReflection
public record IncidentV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, UUID incidentId,
        String name, String category, String status, List<String> workloads, UUID alertId, Instant startedAt,
        Instant detectedAt, Instant mitigatedAt, Instant resolvedAt, Instant baselineFrom, Instant baselineTo,
        BigDecimal baselineCostPerUnit, BigDecimal extraInferenceCost, BigDecimal extraHumanCost,
        BigDecimal engineeringHours, BigDecimal engineeringCost, BigDecimal totalCost, long requestsAffected,
        long unitsAffected, BigDecimal lcprBefore, BigDecimal lcprDuring, BigDecimal lcprChangePct,
        Long minutesToDetect, Long minutesToMitigate) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
}
