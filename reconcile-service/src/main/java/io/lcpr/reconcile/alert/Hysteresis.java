package io.lcpr.reconcile.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One rule's state for one scope, on event time (003's alerting rule): a breach fires once; while the condition
 * holds nothing more is said; it resolves only once the condition has been clear for the whole cooldown, so a
 * flapping series makes one alert, not many. Immutable: each observation returns the next state and what to say.
 *
 * @param firing whether an alert is open
 * @param firedAt when the open alert fired (event time)
 * @param clearSince since when the condition has been seen clear (the start of the first clear evidence after the
 *     last breach), while firing; null while it holds
 */
public record Hysteresis(boolean firing, Instant firedAt, Instant clearSince) {
    public static final Hysteresis QUIET = new Hysteresis(false, null, null);

    /** What an observation changed: the next state, and the transition to announce, if any. */
    public record Step(Hysteresis next, Optional<Transition> transition) {
    }

    public enum Transition {
        FIRED, RESOLVED
    }

    /**
     * The state after the condition was observed {@code breached} (or clear) over the evidence of {@code [from, at)}
     * (the newest step of a window). Observations must come in event-time order.
     */
    public Step observe(Instant from, Instant at, boolean breached, Duration cooldown) {
        if (!firing) {
            return breached ? new Step(new Hysteresis(true, at, null), Optional.of(Transition.FIRED))
                    : new Step(this, Optional.empty());
        }
        if (breached) {
            return new Step(new Hysteresis(true, firedAt, null), Optional.empty());
        }
        Instant since = clearSince == null ? from : clearSince;
        if (!at.isBefore(since.plus(cooldown))) {
            return new Step(QUIET, Optional.of(Transition.RESOLVED));
        }
        return new Step(new Hysteresis(true, firedAt, since), Optional.empty());
    }
}
