package io.lcpr.reconcile.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lcpr.events.CanonicalTrace;

/** Rollups merge exactly, in any split and order, and survive their stored encoding. */
class SignalRollupTest {

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4 })
    void mergedPartsEqualTheWhole(long seed) {
        Random random = new Random(seed);
        List<CanonicalTrace> calls = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            calls.add(call(random));
        }
        SignalRollup whole = new SignalRollup();
        calls.forEach(t -> whole.add(t, 1));

        SignalRollup merged = new SignalRollup();
        for (int from = 0; from < calls.size();) {
            int to = Math.min(calls.size(), from + 1 + random.nextInt(300));
            SignalRollup part = new SignalRollup();
            calls.subList(from, to).forEach(t -> part.add(t, 1));
            merged.merge(stored(part));
            from = to;
        }
        assertEquals(whole.summary(), merged.summary());
        assertEquals(whole.ttftMs, merged.ttftMs);
        assertEquals(whole.outputLength, merged.outputLength);
    }

    /** As compaction merges an hour's stored rows: each read back encoded, merged, and written again. */
    @ParameterizedTest
    @ValueSource(longs = { 5, 6 })
    void storedRowsMergedAndStoredAgainEqualTheWhole(long seed) {
        Random random = new Random(seed);
        SignalRollup whole = new SignalRollup();
        SignalRollup compacted = null;
        int rows = 1 + random.nextInt(12);
        for (int row = 0; row < rows; row++) {
            SignalRollup part = new SignalRollup();
            for (int i = random.nextInt(200); i >= 0; i--) {
                CanonicalTrace t = call(random);
                whole.add(t, 1);
                part.add(t, 1);
            }
            SignalRollup read = stored(part);
            if (compacted == null) {
                compacted = read;
            } else {
                compacted.merge(read);
            }
        }
        SignalRollup again = stored(compacted);
        assertEquals(whole.summary(), again.summary());
        assertEquals(whole.e2eMs, again.e2eMs);
        assertEquals(whole.outputLength, again.outputLength);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 7 })
    void aSampledCallCountsItsWeight(int weight) {
        CanonicalTrace t = new CanonicalTrace("r", null, null, null, null, "first_attempt", "w", "t", null, "p", "m",
                "standard", null, "key-1", null, null, null, Instant.EPOCH, 1_000L, 400L, 0L, 200L, null, 300L, 900L,
                "error", "rate_limit", null, null);
        SignalRollup r = new SignalRollup();
        r.add(t, weight);
        SignalRollup.Summary s = r.summary();
        assertEquals(weight, s.calls());
        assertEquals(1, s.storedCalls());
        assertEquals(Map.of("rate_limit", (long) weight), s.errorsByType());
        assertEquals(400L * weight, s.cacheReadTokens());
        assertEquals(0.4, s.cacheHitRate());
        assertEquals(weight, s.ttftMs().count());
        assertEquals(1.0, s.errorRate());
    }

    /** One for all parts, as a poll's statement has one for all its keys: each encoding stands alone. */
    private final SignalRollup.Encoder encoder = new SignalRollup.Encoder();

    private SignalRollup stored(SignalRollup r) {
        return SignalRollup.of(r.sums(), r.errorsByType, encoder.encode(r.ttftMs), encoder.encode(r.e2eMs),
                encoder.encode(r.outputLength));
    }

    static CanonicalTrace call(Random random) {
        String[] errors = { null, null, null, "rate_limit", "timeout", "server_error" };
        String error = errors[random.nextInt(errors.length)];
        boolean statusOnly = error == null && random.nextInt(20) == 0;
        long input = 10 + random.nextInt(50_000);
        return new CanonicalTrace("r" + random.nextLong(), null, null, null, null, "first_attempt", "w", "t", null,
                "p", "m", "standard", null, null, null, null, null, Instant.EPOCH, input,
                (long) random.nextInt((int) input), (long) random.nextInt(100),
                random.nextInt(10) == 0 ? null : (long) random.nextInt(4_000), null,
                random.nextInt(8) == 0 ? null : (long) random.nextInt(3_000), (long) random.nextInt(60_000),
                error != null || statusOnly ? "error" : "ok", error, null, null);
    }
}
