package io.lcpr.reconcile.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.lcpr.reconcile.signal.SignalKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An alert rule as stored, with the end of the last window evaluated. */
@Entity
@Table(name = "alert_rule")
public class AlertRuleEntity extends PanacheEntityBase {
    @Id
    public String name;
    @Column(nullable = false)
    public String metric;
    @Column(nullable = false)
    public String dimension;
    public String scope;
    @Column(nullable = false)
    public String comparison;
    @Column(nullable = false)
    public BigDecimal threshold;
    @Column(name = "window_hours", nullable = false)
    public int windowHours;
    /** A window under an hour, in minutes (a multiple of five); null: {@code windowHours}. */
    @Column(name = "window_minutes")
    public Integer windowMinutes;
    @Column(name = "cooldown_minutes", nullable = false)
    public int cooldownMinutes;
    @Column(name = "min_calls", nullable = false)
    public long minCalls;
    @Column(name = "baseline_kind")
    public String baselineKind;
    @Column(name = "baseline_hours")
    public Integer baselineHours;
    @Column(name = "baseline_ratio")
    public Boolean baselineRatio;
    /** When set, a firing opens an incident of this category on the workload it fired for. */
    @Column(name = "incident_category")
    public String incidentCategory;
    @Column(name = "evaluated_to", nullable = false)
    public Instant evaluatedTo;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public AlertRule rule() {
        return new AlertRule(name, AlertMetric.parse(metric), SignalKey.Dimension.valueOf(dimension), scope,
                "above".equals(comparison), threshold,
                windowMinutes != null ? Duration.ofMinutes(windowMinutes) : Duration.ofHours(windowHours),
                Duration.ofMinutes(cooldownMinutes), minCalls,
                baselineKind == null ? null : new AlertRule.Baseline(AlertRule.Baseline.Kind.valueOf(baselineKind),
                        baselineHours, Boolean.TRUE.equals(baselineRatio)));
    }
}
