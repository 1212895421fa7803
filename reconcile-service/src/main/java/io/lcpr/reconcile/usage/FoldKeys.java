package io.lcpr.reconcile.usage;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.reconcile.lcpr.Call;

/** How a trace is keyed and counted when folded: its work unit, its sampling weight, its prompt class. */
public final class FoldKeys {
    /** Prompts below this many input tokens share one rollup class. */
    static final long SMALL_PROMPT = 32_768;
    /** Long-context thresholds of listed prices (LiteLLM's above_128k and above_200k): class boundaries (V34). */
    private static final long[] LISTED_THRESHOLDS = { 128_000, 200_000 };
    /** Sampling weight of a trace (a sender that keeps one call in ten says 10); absent means 1. */
    public static final String SAMPLING_WEIGHT_ATTRIBUTE = "lcpr.sampling_weight";

    private FoldKeys() {
    }

    /**
     * The rollup class a long-context threshold is checked against (V34's {@code prompt_class}): 0 below 32,768 input
     * tokens (no listed threshold is that low), above it 4 * floor(log2(input tokens)), plus one above a threshold
     * listed prices use within that power of two. A rollup of one class then lies on one side of every listed
     * threshold and is priced whole; an unlisted threshold splits its class, whose calls are priced one by one.
     */
    public static int promptClass(long inputTokens) {
        if (inputTokens < SMALL_PROMPT) {
            return 0;
        }
        int octave = 63 - Long.numberOfLeadingZeros(inputTokens);
        int above = 0;
        for (long threshold : LISTED_THRESHOLDS) {
            if (inputTokens > threshold && 63 - Long.numberOfLeadingZeros(threshold) == octave) {
                above++;
            }
        }
        return 4 * octave + above;
    }

    public static String unitKey(CanonicalTrace t) {
        return Call.unitKey(t.workUnitId(), t.requestId());
    }

    public static int weight(CanonicalTrace t) {
        String w = t.attributes() == null ? null : t.attributes().get(SAMPLING_WEIGHT_ATTRIBUTE);
        if (w == null) {
            return 1;
        }
        try {
            int weight = Integer.parseInt(w.trim());
            return weight >= 1 ? weight : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
