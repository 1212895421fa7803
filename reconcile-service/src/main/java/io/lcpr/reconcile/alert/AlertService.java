package io.lcpr.reconcile.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.AlertV1;
import io.lcpr.events.Topics;
import io.lcpr.reconcile.incident.IncidentService;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.reconciliation.SpendToDate;
import io.lcpr.reconcile.signal.SignalKey;
import io.lcpr.reconcile.signal.SignalRollup;
import io.lcpr.reconcile.signal.SignalService;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.usage.UnitWindows;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Evaluates every alert rule on event time: each rule walks the whole hours that closed since it last looked (an
 * hour is closed once a stored call started {@code reconcile.alerts.lateness.ms} after its end), reads the window's
 * signals per scope, and publishes each firing and resolution on alerts.v1 through the outbox, with the rule's
 * progress, open alerts and webhook deliveries (AlertDeliveryService sends them), in one transaction. Replaying last week's traffic walks last week's hours: the same
 * alerts fire at the same instants.
 */
@ApplicationScoped
public class AlertService {
    static final String PRODUCER = "reconcile-service";
    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final PeriodUsageRepository usage;
    private final SignalService signals;
    private final AlertStateRepository states;
    private final Outbox outbox;
    private final AlertConfig config;
    private final AlertWebhooks webhooks;
    private final IncidentService incidents;
    private final SpendToDate spend;
    private final UnitWindows units;

    public AlertService(PeriodUsageRepository usage, SignalService signals, AlertStateRepository states, Outbox outbox,
            AlertConfig config, AlertWebhooks webhooks, IncidentService incidents, SpendToDate spend,
            UnitWindows units) {
        this.spend = spend;
        this.units = units;
        this.webhooks = webhooks;
        this.incidents = incidents;
        this.usage = usage;
        this.signals = signals;
        this.states = states;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "${reconcile.alerts.every.s:30}s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        evaluate();
    }

    /** One pass over every rule; returns the alerts published (firings and resolutions). */
    @Transactional
    public int evaluate() {
        Optional<Instant> watermark = usage.latestStart().map(t -> t.minusMillis(config.latenessMs()));
        if (watermark.isEmpty()) {
            return 0;
        }
        int published = 0;
        List<AlertWebhooks.Webhook> hooks = webhooks.list();
        Reads reads = new Reads(spend.pass());
        // locked: a second pass (another replica, a slow scheduler tick) waits and continues where this one stopped
        for (AlertRuleEntity e : AlertRuleEntity.<AlertRuleEntity> find("order by name")
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list()) {
            AlertRule rule = e.rule();
            Map<String, AlertEvaluation.Open> open = states.open(e.name);
            Map<String, AlertEvaluation.Open> before = Map.copyOf(open);
            Instant closed = closed(watermark.get(), rule.step());
            for (int w = 0; w < config.maxWindowsPerPass() && e.evaluatedTo.isBefore(closed); w++) {
                Instant end = e.evaluatedTo.plus(rule.step());
                Instant start = end.minus(rule.window());
                Map<String, AlertRule.Measure> byScope = measures(reads, rule, start, end, rule.windowHours());
                Map<String, AlertRule.Measure> baseline = Map.of();
                if (rule.baseline() != null) {
                    Instant[] range = rule.baseline().range(start, end);
                    baseline = measures(reads, rule, range[0], range[1], rule.baselineHours());
                }
                for (AlertEvaluation.Change c : AlertEvaluation.window(rule, end, byScope, baseline, open)) {
                    AlertV1 event = event(rule, c);
                    outbox.add(Topics.ALERTS, event.key(), event);
                    webhooks.enqueue(event, hooks); // same transaction: a webhook that is down loses nothing
                    if (e.incidentCategory != null && c.transition() == Hysteresis.Transition.FIRED) {
                        incidents.openFromAlert(rule.name() + " on " + c.scope(), e.incidentCategory, c.scope(),
                                c.windowStart(), c.alertId());
                    }
                    LOG.infof("alert %s %s for %s %s at %s: %s %s %s", rule.name(), event.status(),
                            event.dimension(), c.scope(), end, c.reading().compared(), rule.comparison(),
                            rule.threshold());
                    published++;
                }
                e.evaluatedTo = end;
            }
            if (!open.equals(before)) { // most passes change no alert: nothing to write
                states.save(e.name, open);
            }
        }
        return published;
    }

    /**
     * Each scope's calls and metric over [from, to) ({@code hours} long): from the operating signals, or for a cost
     * metric from the usage rollups priced at the contract rates.
     */
    private Map<String, AlertRule.Measure> measures(Reads reads, AlertRule rule, Instant from, Instant to,
            double hours) {
        Map<String, AlertRule.Measure> out = new java.util.TreeMap<>();
        if (rule.subHour()) {
            reads.counts.computeIfAbsent(List.of(from, to, rule.dimension()),
                    k -> signals.counts(from, to, rule.dimension()))
                    .forEach((scope, c) -> out.put(scope, rule.measure(c, hours)));
            return out;
        }
        switch (rule.metric().source()) {
        case SIGNALS -> reads.signals.computeIfAbsent(List.of(from, to, rule.dimension()),
                k -> signals.read(from, to, rule.dimension()))
                .forEach((scope, s) -> out.put(scope, rule.measure(s, hours)));
        case COST -> {
            Map<String, long[]> calls = new java.util.TreeMap<>();
            Map<String, BigDecimal> cost = cost(reads, rule.dimension(), from, to, calls);
            cost.forEach((scope, c) -> out.put(scope,
                    new AlertRule.Measure(calls.get(scope)[0], c.doubleValue() / hours)));
        }
        case UNITS -> {
            Map<String, BigDecimal> cost = rule.metric() == AlertMetric.LCPR
                    ? cost(reads, SignalKey.Dimension.WORKLOAD, from, to, new java.util.TreeMap<>())
                    : Map.of();
            reads.units.computeIfAbsent(List.of(from, to), k -> units.byWorkload(from, to))
                    .forEach((workload, u) -> out.put(workload, unitMeasure(rule.metric(), u, cost.get(workload))));
        }
        }
        return out;
    }

    /** Each scope's priced cost over [from, to), its calls added to {@code calls}. */
    private static Map<String, BigDecimal> cost(Reads reads, SignalKey.Dimension by, Instant from, Instant to,
            Map<String, long[]> calls) {
        Map<String, BigDecimal> cost = new java.util.TreeMap<>();
        for (CostSlice s : reads.spend.slices(from, to)) {
            String scope = scopeOf(by, s);
            calls.computeIfAbsent(scope, k -> new long[1])[0] += s.calls();
            cost.merge(scope, s.cost(), BigDecimal::add);
        }
        return cost;
    }

    /**
     * A workload's work units as evidence and the metric over them; LCPR of a window without an accepted unit is
     * no evidence (an infinite cost per result compares with nothing).
     */
    static AlertRule.Measure unitMeasure(AlertMetric metric, UnitWindows.Tally u, BigDecimal cost) {
        return switch (metric) {
        case PASS_RATE -> new AlertRule.Measure(u.units(), (double) u.accepted() / u.units());
        case ESCALATION_RATE -> new AlertRule.Measure(u.units(), (double) u.escalated() / u.units());
        case LCPR -> u.accepted() == 0 ? new AlertRule.Measure(0, 0)
                : new AlertRule.Measure(u.units(), (cost == null ? 0 : cost.doubleValue()) / u.accepted());
        default -> throw new IllegalArgumentException(metric + " is not read from work units");
        };
    }

    /** What one pass has read: rules over the same hours and dimension (a window, a baseline) read them once. */
    private record Reads(SpendToDate.Pass spend, Map<List<Object>, Map<String, SignalRollup.Summary>> signals,
            Map<List<Instant>, Map<String, UnitWindows.Tally>> units, Map<List<Object>, Map<String, long[]>> counts) {
        Reads(SpendToDate.Pass spend) {
            this(spend, new java.util.HashMap<>(), new java.util.HashMap<>(), new java.util.HashMap<>());
        }
    }

    /** A cost slice's scope, spelled as the signals spell it (a project with its provider). */
    static String scopeOf(SignalKey.Dimension d, CostSlice s) {
        return switch (d) {
        case WORKLOAD -> s.workload();
        case TEAM -> s.team();
        case PROVIDER -> s.provider();
        case PROJECT -> s.provider() + "/" + (s.projectId() == null ? "" : s.projectId());
        default -> throw new IllegalArgumentException("cost is not priced per " + d);
        };
    }

    /**
     * The end of the last closed hour: the latest call's start less the allowed lateness (the watermark), to the hour.
     * A five-minute step closes the same way, to five minutes.
     */
    Optional<Instant> watermark() {
        return usage.latestStart().map(t -> closed(t.minusMillis(config.latenessMs()), AlertRule.HOUR_STEP));
    }

    /** The end of the last step closed at an instant (steps are aligned to the epoch: hours, five minutes). */
    static Instant closed(Instant t, Duration step) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, step.toSeconds()));
    }

    private static AlertV1 event(AlertRule rule, AlertEvaluation.Change c) {
        String dimension = rule.dimension().name().toLowerCase(Locale.ROOT);
        return new AlertV1(UUID.randomUUID(), Instant.now(), AlertV1.SCHEMA_VERSION, PRODUCER, c.alertId(),
                rule.name(), rule.metric().wire(), dimension, c.scope(),
                c.transition() == Hysteresis.Transition.FIRED ? AlertV1.FIRED : AlertV1.RESOLVED,
                decimal(c.reading().value()), rule.threshold(), rule.comparison(), c.windowStart(), c.windowEnd(),
                c.windowEnd(), "/api/signals?from=" + c.windowStart() + "&to=" + c.windowEnd() + "&by=" + dimension,
                decimal(c.reading().baseline()), rule.baseline() == null ? null : decimal(c.reading().compared()),
                rule.baseline() == null ? null : rule.baseline().describe(), AlertV1.NOTIFY, null);
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null
                : BigDecimal.valueOf(value).round(new java.math.MathContext(8)).stripTrailingZeros();
    }

    /** The rules, for the API. */
    public List<AlertRuleEntity> rules() {
        return AlertRuleEntity.listAll();
    }
}
