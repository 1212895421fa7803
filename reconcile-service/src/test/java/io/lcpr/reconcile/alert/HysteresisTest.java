package io.lcpr.reconcile.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Fire once, stay quiet while the condition holds, resolve after a clear cooldown; flapping is one alert. */
class HysteresisTest {
    static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    static final Duration COOLDOWN = Duration.ofMinutes(15);

    /** The transitions of a series of five-minute observations, as "minute:FIRED" or "minute:RESOLVED". */
    static List<String> run(boolean... breached) {
        Hysteresis state = Hysteresis.QUIET;
        List<String> said = new ArrayList<>();
        for (int i = 0; i < breached.length; i++) {
            Instant at = T0.plus(Duration.ofMinutes(5L * i));
            Hysteresis.Step step = state.observe(at.minus(Duration.ofMinutes(5)), at, breached[i], COOLDOWN);
            int minute = 5 * i;
            step.transition().ifPresent(t -> said.add(minute + ":" + t));
            state = step.next();
        }
        return said;
    }

    @Test
    void firesOnceStaysQuietWhileHeldAndResolvesAfterTheCooldown() {
        // breached up to the observation at 20, clear from there: resolves once clear for 15 minutes, at 35
        assertEquals(List.of("0:FIRED", "35:RESOLVED"),
                run(true, true, true, true, true, false, false, false, false, false));
    }

    @Test
    void aFlappingSeriesIsOneAlert() {
        // clear for 5 or 10 minutes at a time, never the whole cooldown: one alert, open to the end
        assertEquals(List.of("0:FIRED"), run(true, false, true, false, false, true, false, true, false, false, true));
    }

    @Test
    void aNewBreachAfterResolvingFiresAgain() {
        assertEquals(List.of("0:FIRED", "15:RESOLVED", "30:FIRED"),
                run(true, false, false, false, false, false, true, true));
    }

    @Test
    void nothingWhileQuiet() {
        assertEquals(List.of(), run(false, false, false));
    }
}
