package io.lcpr.suite;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.AlertV1;
import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.infra.TopicReader;

/**
 * The lag from a trace's arrival to the alert it triggers, while ingest runs at full speed. A rule on each workload's
 * hourly error rate with its threshold at about the month's mean fires and resolves every few hours of event time
 * (no cooldown). An alert for the window ending at E can be published once a call starting at E plus the allowed
 * lateness is stored (the watermark); its lag is the alert's record time on alerts.v1 less the wall time ingest
 * accepted the first batch holding such a call. The rule is defined before the month it measures, from an earlier
 * month on, so that the service has fired alerts before (a running service has): the measured month is not the
 * first time the alert path runs and is compiled.
 */
final class AlertLag {
    static final String RULE = "bench-error-rate";
    /** reconcile's default {@code reconcile.alerts.lateness.ms}. */
    static final Duration LATENESS = Duration.ofMinutes(5);

    /** Per batch accepted: the latest call start it held, and when it was accepted (epoch ms). */
    private final NavigableMap<Instant, Long> accepted = new ConcurrentSkipListMap<>();
    /** The measured month: its windows' ends from monthStart (inclusive) to monthEnd. */
    private final Instant monthStart;
    private final Instant monthEnd;

    private AlertLag(Instant monthStart) {
        this.monthStart = monthStart;
        this.monthEnd = monthStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    /** The rule, evaluated from {@code from}'s start; the lag is measured over {@code measured}'s windows. */
    static AlertLag define(ServiceProcess reconcile, ReconcileMonth from, ReconcileMonth measured) {
        Http.putJson(reconcile.url() + "/api/alert-rules/" + RULE, Map.of("metric", "error_rate", "dimension",
                "workload", "threshold", 0.026, "cooldown_minutes", 0, "min_calls", 0, "evaluate_from",
                from.start.toString())).expect(200);
        return new AlertLag(measured.start);
    }

    void accepted(Instant latestStart, long atMillis) {
        accepted.merge(latestStart, atMillis, Math::min);
    }

    /** Waits for the rule to reach the month's last closed hour, then prints the lag's percentiles. */
    void print(ServiceProcess reconcile, String bootstrap) throws InterruptedException {
        Instant last = accepted.lastKey().minus(LATENESS);
        Instant closed = last.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (evaluatedTo(reconcile).isBefore(closed) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_000); // the outbox relay's period
        List<ConsumerRecord<String, String>> alerts = TopicReader.await(bootstrap, Topics.ALERTS,
                r -> r.value().contains("\"rule\":\"" + RULE + "\""), Integer.MAX_VALUE, Duration.ofSeconds(10));
        // the earliest acceptance of a call at or after each instant: a suffix minimum over the latest starts
        NavigableMap<Instant, Long> firstAfter = new java.util.TreeMap<>();
        long min = Long.MAX_VALUE;
        for (Map.Entry<Instant, Long> e : accepted.descendingMap().entrySet()) {
            min = Math.min(min, e.getValue());
            firstAfter.put(e.getKey(), min);
        }
        List<Long> lags = new ArrayList<>();
        for (ConsumerRecord<String, String> r : alerts) {
            AlertV1 alert = EventJson.read(r.value(), AlertV1.class);
            Map.Entry<Instant, Long> closing = firstAfter.ceilingEntry(alert.at().plus(LATENESS));
            // an alert on an earlier month's window was published before this month was sent
            if (closing != null && !alert.at().isBefore(monthStart) && alert.at().isBefore(monthEnd)) {
                lags.add(r.timestamp() - closing.getValue());
            }
        }
        lags.sort(null);
        if (lags.isEmpty()) {
            System.out.printf("alerts: none published for %s (rule evaluated to %s)%n", RULE, evaluatedTo(reconcile));
            return;
        }
        System.out.printf("alerts while ingest ran: %,d firings and resolutions of %s on alerts.v1; lag from the"
                + " arrival of the trace that closed the window to the alert: p50 %.2f s, p99 %.2f s, max %.2f s"
                + " (passes every 1 s)%n", lags.size(), RULE, at(lags, 0.50) / 1000.0, at(lags, 0.99) / 1000.0,
                lags.get(lags.size() - 1) / 1000.0);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static Instant evaluatedTo(ServiceProcess reconcile) {
        JsonNode rules = Http.get(reconcile.url() + "/api/alert-rules").expect(200).json();
        for (JsonNode rule : rules) {
            if (RULE.equals(rule.path("name").asText())) {
                return Instant.parse(rule.path("evaluatedTo").asText());
            }
        }
        throw new IllegalStateException("rule " + RULE + " is gone");
    }
}
