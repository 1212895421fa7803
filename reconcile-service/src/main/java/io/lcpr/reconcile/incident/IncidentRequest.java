package io.lcpr.reconcile.incident;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An incident as declared or updated: {@code category} one of model_behavior_change, prompt_regression,
 * cache_regression, capacity, quality_drift; the workloads it hit; when it started, was detected, mitigated and
 * resolved; engineering hours and rate; the alert that opened it; the baseline (the {@code baseline_hours} before
 * its start, default 168); the preventive actions its post-mortem decided. An update names only what changed;
 * {@code close} closes it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IncidentRequest(String name, String category, List<String> workloads, UUID alertId,
        Instant startedAt, Instant detectedAt, Instant mitigatedAt, Instant resolvedAt, Integer baselineHours,
        BigDecimal engineeringHours, BigDecimal engineeringRatePerHour, Boolean close, String preventiveActions) {
}
