package io.lcpr.reconcile.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.lcpr.reconcile.incident.IncidentService;
import io.lcpr.reconcile.signal.SignalKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Defines alert rules: every problem of a request is named with its field. */
@ApplicationScoped
public class AlertRuleService {
    private final AlertService alerts;
    private final AlertWebhooks webhooks;

    public AlertRuleService(AlertService alerts, AlertWebhooks webhooks) {
        this.alerts = alerts;
        this.webhooks = webhooks;
    }

    @Transactional
    public List<AlertWebhooks.Webhook> defineWebhook(String name, AlertRuleResource.WebhookRequest r) {
        String url = r == null ? null : r.url();
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: '" + url + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("url: '" + url + "' is not an http or https URL");
        }
        webhooks.define(name, url, r.rules());
        return webhooks.list();
    }

    @Transactional
    public List<AlertWebhooks.Delivery> deliveries(boolean pending) {
        return webhooks.deliveries(pending);
    }

    @Transactional
    public AlertRuleEntity define(String name, AlertRuleRequest r) {
        List<String> problems = new ArrayList<>();
        AlertMetric metric = AlertMetric.parse(r.metric());
        if (metric == null) {
            problems.add("metric: '" + r.metric() + "' is not one of "
                    + Arrays.stream(AlertMetric.values()).map(AlertMetric::wire).toList());
        }
        SignalKey.Dimension dimension = null;
        try {
            dimension = SignalKey.Dimension.valueOf(String.valueOf(r.dimension()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("dimension: '" + r.dimension() + "' is not one of workload, team, provider, model, api_key,"
                    + " project");
        }
        if (dimension == SignalKey.Dimension.HOUR) {
            problems.add("dimension: hour is the window, not a scope");
        }
        if (metric != null && metric.source() == AlertMetric.Source.COST && (dimension == SignalKey.Dimension.MODEL
                || dimension == SignalKey.Dimension.API_KEY)) {
            problems.add("dimension: cost_per_hour is priced per workload, team, provider or project, not " + dimension
                    .name().toLowerCase(Locale.ROOT));
        }
        if (metric != null && metric.source() == AlertMetric.Source.UNITS && dimension != null
                && dimension != SignalKey.Dimension.WORKLOAD) {
            problems.add("dimension: " + metric.wire() + " is judged per work unit of a workload, not per "
                    + dimension.name().toLowerCase(Locale.ROOT));
        }
        String comparison = r.comparison() == null ? "above" : r.comparison().trim().toLowerCase(Locale.ROOT);
        if (!comparison.equals("above") && !comparison.equals("below")) {
            problems.add("comparison: '" + r.comparison() + "' is not above or below");
        }
        if (r.threshold() == null) {
            problems.add("threshold: is required");
        }
        int window = r.windowHours() == null ? 1 : r.windowHours();
        Integer minutes = r.windowMinutes();
        if (minutes != null && (minutes < 5 || minutes >= 60 || minutes % 5 != 0)) {
            problems.add("window_minutes: must be a multiple of 5 under 60 (an hour or more is window_hours), got "
                    + minutes);
        }
        if (minutes != null && r.windowHours() != null) {
            problems.add("window_minutes: give window_hours or window_minutes, not both");
        }
        if (minutes != null && dimension != null && !io.lcpr.reconcile.signal.SignalService.COUNTED_BY
                .contains(dimension)) {
            problems.add("window_minutes: calls are counted per five minutes per provider and model, not per "
                    + dimension.name().toLowerCase(Locale.ROOT));
        }
        if (minutes != null && metric != null && !metric.countable()) {
            problems.add("window_minutes: only error_rate and calls_per_hour are counted per five minutes, not "
                    + metric.wire());
        }
        int cooldown = r.cooldownMinutes() == null ? 15 : r.cooldownMinutes();
        long minCalls = r.minCalls() == null ? 20 : r.minCalls();
        if (window < 1 || window > 24 * 28) {
            problems.add("window_hours: must be 1 to 672, got " + window);
        }
        if (cooldown < 0) {
            problems.add("cooldown_minutes: must not be negative");
        }
        if (minCalls < 0) {
            problems.add("min_calls: must not be negative");
        }
        if (r.evaluateFrom() != null && !r.evaluateFrom().equals(r.evaluateFrom().truncatedTo(ChronoUnit.HOURS))) {
            problems.add("evaluate_from: must be a whole hour, got " + r.evaluateFrom());
        }
        String kind = r.compareTo() == null ? null : r.compareTo().trim().toUpperCase(Locale.ROOT);
        if (kind != null && !kind.equals("TRAILING") && !kind.equals("EARLIER")) {
            problems.add("compare_to: '" + r.compareTo() + "' is not trailing or earlier");
        }
        int baselineHours = r.baselineHours() == null ? 168 : r.baselineHours();
        if (kind != null && (baselineHours < 1 || baselineHours > 24 * 56)) {
            problems.add("baseline_hours: must be 1 to 1344, got " + baselineHours);
        }
        String change = r.change() == null ? "ratio" : r.change().trim().toLowerCase(Locale.ROOT);
        if (!change.equals("ratio") && !change.equals("difference")) {
            problems.add("change: '" + r.change() + "' is not ratio or difference");
        }
        if (r.openIncident() != null && (!IncidentService.CATEGORIES.contains(r.openIncident())
                || dimension != SignalKey.Dimension.WORKLOAD)) {
            problems.add("open_incident: a category of " + IncidentService.CATEGORIES + ", on a rule per workload");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        AlertRuleEntity e = AlertRuleEntity.<AlertRuleEntity> findByIdOptional(name).orElseGet(AlertRuleEntity::new);
        boolean created = e.name == null;
        e.name = name;
        e.metric = metric.wire();
        e.dimension = dimension.name();
        e.scope = r.scope() == null || r.scope().isBlank() ? null : r.scope();
        e.comparison = comparison;
        e.threshold = r.threshold();
        e.windowHours = window;
        e.windowMinutes = minutes;
        e.cooldownMinutes = cooldown;
        e.minCalls = minCalls;
        e.incidentCategory = r.openIncident();
        e.baselineKind = kind;
        e.baselineHours = kind == null ? null : baselineHours;
        e.baselineRatio = kind == null ? null : change.equals("ratio");
        if (r.evaluateFrom() != null) {
            e.evaluatedTo = r.evaluateFrom();
        } else if (created) {
            e.evaluatedTo = alerts.watermark().orElse(Instant.now().truncatedTo(ChronoUnit.HOURS));
        }
        e.updatedAt = Instant.now();
        e.persist();
        return e;
    }

    @Transactional
    public boolean delete(String name) {
        return AlertRuleEntity.deleteById(name);
    }
}
