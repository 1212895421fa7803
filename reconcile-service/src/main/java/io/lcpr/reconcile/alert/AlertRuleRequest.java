package io.lcpr.reconcile.alert;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An alert rule as defined through the API. Defaults: every value of the dimension (no {@code scope}), a 1-hour
 * window (or {@code window_minutes}, a multiple of five under an hour, for error_rate and calls_per_hour: evaluated
 * every five minutes), a 15-minute cooldown, at least 20 calls in a window, evaluated from the current watermark on (or from
 * {@code evaluate_from}, an hour, to replay history). Against a baseline: {@code compare_to} {@code trailing} (the
 * {@code baseline_hours} before the window, default 168) or {@code earlier} (the same window that many hours before:
 * 168 is week over week), {@code change} {@code ratio} (default) or {@code difference}; the threshold is then on the
 * change. {@code open_incident}: a category (IncidentService.CATEGORIES) for a rule on workloads: each firing opens
 * an incident of it on the workload, from the window's start, naming the alert.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertRuleRequest(String metric, String dimension, String scope, String comparison,
        BigDecimal threshold, Integer windowHours, Integer windowMinutes, Integer cooldownMinutes, Long minCalls, Instant evaluateFrom,
        String compareTo, Integer baselineHours, String change, String openIncident) {
}
