package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code alerts.v1} (key: the rule and scope): an alert rule's firing or resolution for one scope (a workload, team,
 * provider, model, API key or project, as {@code dimension} and {@code scope}), on event time: {@code at} is the end
 * of the window that fired it, or of the one that completed its clear cooldown. A resolution carries the firing's
 * {@code alertId}. {@code value} is the metric over {@code [windowStart, windowEnd)} against {@code threshold}
 * ({@code comparison} above or below); a rule against a baseline also carries the metric over the baseline range
 * ({@code baseline}), the change the threshold is on ({@code compared}: a ratio or a difference) and how it was
 * taken ({@code basis}). {@code evidence} is the query that shows it. The value fields are absent when the window
 * that resolved an alert had no evidence (its traffic stopped). {@code action} is {@code notify} for a rule's alert;
 * a budget says {@code warn} when its spend reaches its warning share and {@code throttle} when it is exceeded, with
 * {@code until} the end of the budget's period: a gateway stops or slows the scope's traffic until then (the
 * budget's value is the spend to date, its baseline the spend expected by now, its compared the pace: spend over
 * expected).
 */
@RegisterForReflection
public record AlertV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, UUID alertId,
        String rule, String metric, String dimension, String scope, String status, BigDecimal value,
        BigDecimal threshold, String comparison, Instant windowStart, Instant windowEnd, Instant at, String evidence,
        BigDecimal baseline, BigDecimal compared, String basis, String action, Instant until)
        implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
    public static final String FIRED = "fired";
    public static final String RESOLVED = "resolved";
    public static final String NOTIFY = "notify";
    public static final String WARN = "warn";
    public static final String THROTTLE = "throttle";

    public String key() {
        return rule + "|" + dimension + "|" + scope;
    }
}
