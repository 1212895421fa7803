package io.lcpr.reconcile.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.lcpr.reconcile.signal.SignalRollup;

/**
 * One window of one rule: each scope's value against the threshold, through its hysteresis. A scope with an open
 * alert and no evidence in the window (no calls, or fewer than the rule's minimum: its traffic stopped) counts as
 * clear, so an alert whose traffic stops resolves after the cooldown; such a window never fires one.
 */
final class AlertEvaluation {
    /** Windows advance an hour at a time: the newest hour is what an observation adds. */
    static final Duration STEP = Duration.ofHours(1);

    /** An open alert of a scope: its id and its state. */
    record Open(UUID alertId, Hysteresis state) {
    }

    /** A firing or a resolution, with the value of the window that caused it (null when there was no evidence). */
    record Change(String scope, Hysteresis.Transition transition, UUID alertId, Instant windowStart, Instant windowEnd,
            Double value) {
    }

    private AlertEvaluation() {
    }

    /** Evaluates the window ending {@code windowEnd}; {@code open} is updated in place. */
    static List<Change> window(AlertRule rule, Instant windowEnd, Map<String, SignalRollup.Summary> byScope,
            Map<String, Open> open) {
        Instant windowStart = windowEnd.minus(Duration.ofHours(rule.windowHours()));
        Set<String> scopes = new TreeSet<>(open.keySet());
        byScope.keySet().stream().filter(rule::covers).forEach(scopes::add);
        List<Change> changes = new ArrayList<>();
        for (String scope : scopes) {
            SignalRollup.Summary s = byScope.get(scope);
            Boolean breached = s == null ? null : rule.breached(s);
            Open current = open.get(scope);
            Hysteresis state = current == null ? Hysteresis.QUIET : current.state();
            Hysteresis.Step step = state.observe(windowEnd.minus(STEP), windowEnd, Boolean.TRUE.equals(breached),
                    rule.cooldown());
            Double value = breached == null ? null : rule.metric().of(s);
            if (step.next().firing()) {
                UUID id = current == null ? UUID.randomUUID() : current.alertId();
                open.put(scope, new Open(id, step.next()));
                step.transition().ifPresent(t -> changes.add(new Change(scope, t, id, windowStart, windowEnd, value)));
            } else {
                open.remove(scope);
                step.transition().ifPresent(t -> changes.add(new Change(scope, t, current.alertId(), windowStart,
                        windowEnd, value)));
            }
        }
        return changes;
    }
}
