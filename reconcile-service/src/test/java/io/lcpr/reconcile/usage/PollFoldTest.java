package io.lcpr.reconcile.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.TraceRecordedV1;

/** A poll's sums and units worked out in the service, as the fold statement's SQL would group them. */
class PollFoldTest {
    private static final Instant T = Instant.parse("2026-07-01T10:15:00Z");

    @Test
    void aCallSentTwiceInAPollIsFoldedOnceAndWeightsMultiplyTheSums() {
        TraceRecordedV1 sampled = trace("r1", "u1", "first_attempt", T, 100, 40,
                Map.of(FoldKeys.SAMPLING_WEIGHT_ATTRIBUTE, "10"));
        PollFold fold = PollFold.of(List.of(sampled, sampled, trace("r2", "u2", "first_attempt", T, 50, 5, null)));

        assertEquals(2, fold.calls.size());
        PollFold.HourSums sums = fold.hourly.entrySet().stream().filter(e -> e.getKey().sampled()).findFirst()
                .orElseThrow().getValue();
        assertEquals(10, sums.calls);
        assertEquals(1, sums.storedCalls);
        assertEquals(1000, sums.inputTokens);
        assertEquals(400, sums.outputTokens);
        assertEquals(100, sums.minInput);
        assertEquals(Instant.parse("2026-07-01T10:00:00Z").toEpochMilli() * 1000,
                fold.hourly.keySet().iterator().next().hourMicros());
    }

    @Test
    void theFinalAttemptIsTheLatestStartThenTheGreaterRequestIdAndGradersAreNoAttempt() {
        PollFold fold = PollFold.of(List.of(
                trace("a", "u", "first_attempt", T, 10, 1, null),
                trace("b", "u", "retry", T.plusSeconds(60), 10, 1, null),
                // same start as b: the greater request id in byte order (U+1F600 sorts above U+FFFD in UTF-8,
                // below it in UTF-16)
                trace("\uD83D\uDE00", "u", "repair", T.plusSeconds(60), 10, 1, null),
                trace("\uFFFD", "u", "repair", T.plusSeconds(60), 10, 1, null),
                trace("g", "u", "eval_grader", T.plusSeconds(600), 10, 1, null)));

        PollFold.UnitAttempts unit = fold.units.get("u");
        assertEquals(4, unit.attempts);
        assertEquals("\uD83D\uDE00", unit.requestId);
        assertEquals(1, fold.units.size());
        assertEquals(5, fold.requests.size(), "the grader's request too: a verdict may wait for it");
    }

    @Test
    void codePointOrderIsUtf8ByteOrder() {
        assertTrue(PollFold.compareCodePoints("\uD83D\uDE00", "\uFFFD") > 0);
        assertTrue("\uD83D\uDE00".compareTo("\uFFFD") < 0, "UTF-16 order differs, which is why");
        assertTrue(PollFold.compareCodePoints("ab", "abc") < 0);
        assertEquals(0, PollFold.compareCodePoints("", ""));
    }

    private static TraceRecordedV1 trace(String request, String unit, String kind, Instant startedAt, long input,
            long output, Map<String, String> attributes) {
        CanonicalTrace t = new CanonicalTrace(request, null, null, unit, null, kind, "w", "team", null, "openai",
                "gpt", "standard", null, null, "p", null, null, startedAt, input, 0L, 0L, output, 0L, 100L, 900L,
                null, null, null, attributes);
        return new TraceRecordedV1(UUID.randomUUID(), startedAt, 1, "test", "req:openai:" + request, t);
    }
}
