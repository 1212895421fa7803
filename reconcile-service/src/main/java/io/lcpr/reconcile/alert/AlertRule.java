package io.lcpr.reconcile.alert;

import java.math.BigDecimal;
import java.time.Duration;

import io.lcpr.reconcile.signal.SignalKey;
import io.lcpr.reconcile.signal.SignalRollup;

/**
 * A threshold on a metric of the operating signals, per value of one dimension (every workload, or one: {@code scope}),
 * over a trailing window of whole hours, with a cooldown a fired alert must stay clear for before it resolves. A
 * window with fewer than {@code minCalls} calls is no evidence either way: it neither fires nor clears.
 */
public record AlertRule(String name, AlertMetric metric, SignalKey.Dimension dimension, String scope,
        boolean above, BigDecimal threshold, int windowHours, Duration cooldown, long minCalls) {

    /** Whether the window breaches the rule; null when it has too few calls to say. */
    public Boolean breached(SignalRollup.Summary window) {
        if (window.calls() < minCalls) {
            return null;
        }
        int c = BigDecimal.valueOf(metric.of(window)).compareTo(threshold);
        return above ? c > 0 : c < 0;
    }

    public boolean covers(String value) {
        return scope == null || scope.equals(value);
    }

    public String comparison() {
        return above ? "above" : "below";
    }
}
