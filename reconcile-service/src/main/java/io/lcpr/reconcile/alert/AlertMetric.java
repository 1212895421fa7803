package io.lcpr.reconcile.alert;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.lcpr.reconcile.signal.SignalRollup;

/** What an alert rule watches, read from the operating signals of a window. */
public enum AlertMetric {
    /** Failed calls over calls (003's provider error rate). */
    ERROR_RATE(SignalRollup.Summary::errorRate),
    /** Cache-read input tokens over all input tokens. */
    CACHE_HIT_RATE(SignalRollup.Summary::cacheHitRate),
    TTFT_P95_MS(s -> s.ttftMs().p95()),
    E2E_P95_MS(s -> s.e2eMs().p95()),
    E2E_P99_MS(s -> s.e2eMs().p99()),
    OUTPUT_LENGTH_P95(s -> s.outputLength().p95()),
    /** Calls per hour of the window (a traffic drop or surge). */
    CALLS_PER_HOUR(s -> s.calls(), true),
    /**
     * Trace-derived cost per hour at the contract rates (tokens and non-token charges), from the usage rollups, not
     * the signals: per workload, team, provider or project only.
     */
    COST_PER_HOUR(Source.COST),
    /** Accepted work units over work units, by their final attempt's hour (001 ch 25's quality pass rate). */
    PASS_RATE(Source.UNITS),
    /** Escalated work units over work units. */
    ESCALATION_RATE(Source.UNITS),
    /**
     * Trace-derived cost (inference and eval at the contract rates) per accepted work unit: the hourly face of LCPR,
     * without the human and ops costs that are known per period only.
     */
    LCPR(Source.UNITS);

    /** Where a metric is read from. */
    public enum Source {
        /** The operating signals, per any dimension. */
        SIGNALS,
        /** The usage rollups priced at the contract rates: per workload, team, provider or project. */
        COST,
        /** The judged work units (and for LCPR their priced usage): per workload. */
        UNITS
    }

    private final ToDoubleFunction<SignalRollup.Summary> read;
    private final boolean perHour;
    private final Source source;

    AlertMetric(ToDoubleFunction<SignalRollup.Summary> read) {
        this(read, false);
    }

    AlertMetric(ToDoubleFunction<SignalRollup.Summary> read, boolean perHour) {
        this.read = read;
        this.perHour = perHour;
        this.source = Source.SIGNALS;
    }

    AlertMetric(Source source) {
        this.read = null;
        this.perHour = source == Source.COST;
        this.source = source;
    }

    public Source source() {
        return source;
    }

    /** Whether the five-minute counts hold the metric (calls and failed calls only), for windows under an hour. */
    public boolean countable() {
        return this == ERROR_RATE || this == CALLS_PER_HOUR;
    }

    /** The metric over a range of {@code hours} (a count is per hour, so ranges of any length compare). */
    public double of(SignalRollup.Summary range, double hours) {
        double v = read.applyAsDouble(range);
        return perHour ? v / hours : v;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric named {@code error_rate}, {@code ttft_p95_ms}, ...; null when none is. */
    public static AlertMetric parse(String name) {
        for (AlertMetric m : values()) {
            if (m.wire().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        return null;
    }
}
