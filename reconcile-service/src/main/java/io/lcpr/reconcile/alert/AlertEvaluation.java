package io.lcpr.reconcile.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;


/**
 * One window of one rule: each scope's reading against the threshold, through its hysteresis. A scope with an open
 * alert and no evidence in the window (no calls, or fewer than the rule's minimum: its traffic stopped; or no
 * baseline to compare with) counts as clear, so an alert whose traffic stops resolves after the cooldown; such a
 * window never fires one.
 */
final class AlertEvaluation {
    /** An open alert of a scope: its id and its state. */
    record Open(UUID alertId, Hysteresis state) {
    }

    /** A firing or a resolution, with the reading of the window that caused it. */
    record Change(String scope, Hysteresis.Transition transition, UUID alertId, Instant windowStart, Instant windowEnd,
            AlertRule.Reading reading) {
    }

    private AlertEvaluation() {
    }

    /**
     * Evaluates the window ending {@code windowEnd} ({@code baseline}: each scope's baseline range, empty without
     * one); {@code open} is updated in place.
     */
    static List<Change> window(AlertRule rule, Instant windowEnd, Map<String, AlertRule.Measure> byScope,
            Map<String, AlertRule.Measure> baseline, Map<String, Open> open) {
        Instant windowStart = windowEnd.minus(rule.window());
        Set<String> scopes = new TreeSet<>(open.keySet());
        byScope.keySet().stream().filter(rule::covers).forEach(scopes::add);
        List<Change> changes = new ArrayList<>();
        for (String scope : scopes) {
            AlertRule.Reading reading = rule.read(byScope.get(scope), baseline.get(scope));
            Open current = open.get(scope);
            Hysteresis state = current == null ? Hysteresis.QUIET : current.state();
            Hysteresis.Step step = state.observe(windowEnd.minus(rule.step()), windowEnd, rule.breached(reading),
                    rule.cooldown());
            if (step.next().firing()) {
                UUID id = current == null ? UUID.randomUUID() : current.alertId();
                open.put(scope, new Open(id, step.next()));
                step.transition().ifPresent(t -> changes.add(new Change(scope, t, id, windowStart, windowEnd,
                        reading)));
            } else {
                open.remove(scope);
                step.transition().ifPresent(t -> changes.add(new Change(scope, t, current.alertId(), windowStart,
                        windowEnd, reading)));
            }
        }
        return changes;
    }
}
