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
    /** Calls in the window (a traffic drop or surge). */
    CALLS(s -> s.calls());

    private final ToDoubleFunction<SignalRollup.Summary> read;

    AlertMetric(ToDoubleFunction<SignalRollup.Summary> read) {
        this.read = read;
    }

    public double of(SignalRollup.Summary window) {
        return read.applyAsDouble(window);
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
