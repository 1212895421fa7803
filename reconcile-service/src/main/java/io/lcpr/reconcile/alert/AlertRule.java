package io.lcpr.reconcile.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.lcpr.reconcile.signal.SignalKey;
import io.lcpr.reconcile.signal.SignalRollup;

/**
 * A threshold on a metric of the operating signals, per value of one dimension (every workload, or one: {@code scope}),
 * over a trailing window of whole hours (or, for the error rate and the call rate, of five-minute steps under an
 * hour: 003's "error rate over 5% in 15 minutes"), with a cooldown a fired alert must stay clear for before it resolves. A
 * window with fewer than {@code minCalls} calls is no evidence either way. With a {@code baseline} the threshold is on
 * the change against it (001 ch 25: cache hit rate down 15 points, output length p95 up 25% week over week; 003:
 * cache hit rate below half its trailing average).
 */
public record AlertRule(String name, AlertMetric metric, SignalKey.Dimension dimension, String scope,
        boolean above, BigDecimal threshold, Duration window, Duration cooldown, long minCalls, Baseline baseline) {
    /** The step of a window under an hour: the five-minute buckets the counts are folded in. */
    public static final Duration MINUTE_STEP = Duration.ofMinutes(5);
    /** The step of a window of hours. */
    public static final Duration HOUR_STEP = Duration.ofHours(1);

    /** Whether the window is read from the five-minute counts rather than the hourly signals. */
    public boolean subHour() {
        return window.compareTo(HOUR_STEP) < 0;
    }

    /** How far each evaluation moves the window on: what a new observation adds. */
    public Duration step() {
        return subHour() ? MINUTE_STEP : HOUR_STEP;
    }

    /** The window's length in hours (a fraction under an hour): a rate per hour divides by it. */
    public double windowHours() {
        return window.toSeconds() / 3600.0;
    }

    /** What a window is compared with, and how. */
    public record Baseline(Kind kind, int hours, boolean ratio) {
        public enum Kind {
            /** The {@code hours} before the window (a trailing average). */
            TRAILING,
            /** The same window {@code hours} earlier (168: week over week). */
            EARLIER
        }

        /** The baseline range of the window [start, end). */
        Instant[] range(Instant start, Instant end) {
            Duration h = Duration.ofHours(hours);
            return kind == Kind.TRAILING ? new Instant[] { start.minus(h), start }
                    : new Instant[] { start.minus(h), end.minus(h) };
        }

        String describe() {
            return (ratio ? "ratio" : "difference") + " to " + (kind == Kind.TRAILING ? "the " + hours + " h before"
                    : "the same window " + hours + " h earlier");
        }
    }

    /** A window's reading: the metric, the baseline's (null without one) and the compared change (null: no evidence). */
    public record Reading(Double value, Double baseline, Double compared) {
        static final Reading NONE = new Reading(null, null, null);
    }

    /** A scope's measure over a range: its calls (the evidence) and the metric's value there. */
    public record Measure(long calls, double value) {
    }

    /** The window's metric, against the baseline when the rule has one. */
    public Reading read(Measure window, Measure base) {
        if (window == null || window.calls() < minCalls) {
            return Reading.NONE;
        }
        if (baseline == null) {
            return new Reading(window.value(), null, window.value());
        }
        if (base == null || base.calls() < minCalls) {
            return new Reading(window.value(), null, null);
        }
        double b = base.value();
        Double compared = baseline.ratio() ? (b == 0 ? null : window.value() / b) : window.value() - b;
        return new Reading(window.value(), b, compared);
    }

    /** A range's measure from its operating signals. */
    public Measure measure(SignalRollup.Summary range, double hours) {
        return new Measure(range.calls(), metric.of(range, hours));
    }

    /** A range's measure from its five-minute counts (calls, failed calls). */
    public Measure measure(long[] counts, double hours) {
        return new Measure(counts[0], metric == AlertMetric.ERROR_RATE ? (counts[0] == 0 ? 0 : (double) counts[1]
                / counts[0]) : counts[0] / hours);
    }

    /** The hours a baseline range spans, for a window of this rule. */
    public double baselineHours() {
        return baseline == null ? 0 : baseline.kind() == Baseline.Kind.TRAILING ? baseline.hours() : windowHours();
    }

    /** Whether a reading breaches the rule (no evidence never does). */
    public boolean breached(Reading r) {
        if (r.compared() == null) {
            return false;
        }
        int c = BigDecimal.valueOf(r.compared()).compareTo(threshold);
        return above ? c > 0 : c < 0;
    }

    public boolean covers(String value) {
        return scope == null || scope.equals(value);
    }

    public String comparison() {
        return above ? "above" : "below";
    }
}
