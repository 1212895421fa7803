package io.lcpr.reconcile.signal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import io.lcpr.events.CanonicalTrace;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The operating signals of one key's calls: weighted counts and token sums, errors by type, and TTFT, end-to-end
 * latency and output length as HdrHistograms (two significant digits: a percentile read back is within 1% of the
 * exact one). Rollups merge exactly (counts add, histograms add), so folds from any number of polls and replicas,
 * merged in any order, equal one fold of all the calls.
 */
// decoding a stored histogram builds it through its constructor by reflection: kept for the native image
@RegisterForReflection(targets = Histogram.class)
public final class SignalRollup {
    /** Significant decimal digits the histograms keep. */
    static final int DIGITS = 2;

    long calls;
    long storedCalls;
    long errors;
    long inputTokens;
    long cacheReadTokens;
    long cacheCreationTokens;
    long outputTokens;
    final Map<String, Long> errorsByType = new TreeMap<>();
    final Distribution ttftMs;
    final Distribution e2eMs;
    final Distribution outputLength;

    public SignalRollup() {
        this(new Distribution(), new Distribution(), new Distribution());
    }

    private SignalRollup(Distribution ttftMs, Distribution e2eMs, Distribution outputLength) {
        this.ttftMs = ttftMs;
        this.e2eMs = e2eMs;
        this.outputLength = outputLength;
    }

    /** Adds one call standing for {@code weight} calls (its sampling weight). */
    public void add(CanonicalTrace t, int weight) {
        calls += weight;
        storedCalls++;
        inputTokens += weight * t.inputTokens();
        cacheReadTokens += weight * t.cacheReadOrZero();
        cacheCreationTokens += weight * t.cacheCreationOrZero();
        outputTokens += weight * t.outputOrZero();
        if (t.errored()) {
            errors += weight;
            errorsByType.merge(t.errorKind(), (long) weight, Long::sum);
        }
        record(ttftMs, t.ttftMs(), weight);
        record(e2eMs, t.e2eMs(), weight);
        record(outputLength, t.outputOrZero(), weight); // no output tokens is length 0, as in its cost
    }

    public void merge(SignalRollup o) {
        calls += o.calls;
        storedCalls += o.storedCalls;
        errors += o.errors;
        inputTokens += o.inputTokens;
        cacheReadTokens += o.cacheReadTokens;
        cacheCreationTokens += o.cacheCreationTokens;
        outputTokens += o.outputTokens;
        o.errorsByType.forEach((type, n) -> errorsByType.merge(type, n, Long::sum));
        ttftMs.merge(o.ttftMs);
        e2eMs.merge(o.e2eMs);
        outputLength.merge(o.outputLength);
    }

    private static void record(Distribution d, Long value, int weight) {
        if (value != null && value >= 0) {
            d.record(value, weight);
        }
    }

    static Histogram decode(byte[] bytes) {
        Histogram h = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), 0);
        h.setAutoResize(true);
        return h;
    }

    /** A stored rollup read back. */
    static SignalRollup of(long[] sums, Map<String, Long> errorsByType, byte[] ttft, byte[] e2e, byte[] output) {
        SignalRollup r = new SignalRollup(Distribution.encoded(ttft), Distribution.encoded(e2e),
                Distribution.encoded(output));
        r.calls = sums[0];
        r.storedCalls = sums[1];
        r.errors = sums[2];
        r.inputTokens = sums[3];
        r.cacheReadTokens = sums[4];
        r.cacheCreationTokens = sums[5];
        r.outputTokens = sums[6];
        r.errorsByType.putAll(errorsByType);
        return r;
    }

    long[] sums() {
        return new long[] { calls, storedCalls, errors, inputTokens, cacheReadTokens, cacheCreationTokens,
                outputTokens };
    }

    /** What a reader sees: counts, rates and percentiles. */
    public record Summary(long calls, long storedCalls, long errors, double errorRate, Map<String, Long> errorsByType,
            long inputTokens, long cacheReadTokens, long cacheCreationTokens, double cacheHitRate, long outputTokens,
            Percentiles ttftMs, Percentiles e2eMs, Percentiles outputLength) {
    }

    /** A distribution read from a histogram: how many values, p50, p95, p99 and the largest. */
    public record Percentiles(long count, long p50, long p95, long p99, long max) {
        static Percentiles of(Distribution d, Histogram scratch) {
            Histogram h = d.in(scratch);
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(95),
                    h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    /** Cache hit rate is cache-read input tokens over all input tokens. */
    public Summary summary() {
        return summary(scratch());
    }

    /**
     * The same, reading each distribution that is not yet a histogram through {@code scratch} (reset first): a reader
     * summarising many keys passes one, where a histogram per key and distribution was a tenth of what the service
     * allocated over a benchmark's life.
     */
    public Summary summary(Histogram scratch) {
        return new Summary(calls, storedCalls, errors, calls == 0 ? 0 : (double) errors / calls, new TreeMap<>(errorsByType),
                inputTokens, cacheReadTokens, cacheCreationTokens,
                inputTokens == 0 ? 0 : (double) cacheReadTokens / inputTokens, outputTokens,
                Percentiles.of(ttftMs, scratch), Percentiles.of(e2eMs, scratch), Percentiles.of(outputLength, scratch));
    }

    /** A histogram to read distributions through, reused from one to the next. */
    public static Histogram scratch() {
        return new Histogram(DIGITS);
    }

    /**
     * One distribution of a rollup. A poll's rollup sees a handful of calls per key, so their values are kept as they
     * come and written into a histogram only when stored or read (through a scratch histogram reused from one
     * distribution to the next, {@link #in}) or merged with one that is a histogram already: a histogram per key and
     * poll was over a third of what the fold allocated (bench-reconcile's JFR profile), and one per key compacted or
     * read a tenth of what the service allocated over its life. A stored one is kept encoded until read, and stored
     * rows merged are added from their bytes ({@link EncodedHistogram}): a row stored again unmerged is written back
     * as it was read.
     */
    static final class Distribution {
        /** Value and weight pairs not yet in {@link #histogram}. */
        private long[] pending = new long[8];
        private int size;
        /** Stored encodings not yet added to {@link #histogram}. */
        private List<byte[]> encoded = List.of();
        private Histogram histogram;

        Distribution() {
        }

        static Distribution encoded(byte[] bytes) {
            Distribution d = new Distribution();
            d.pending = null;
            d.encoded = new ArrayList<>(2);
            d.encoded.add(bytes);
            return d;
        }

        void record(long value, long weight) {
            if (histogram != null || pending == null) {
                histogram().recordValueWithCount(value, weight);
                return;
            }
            if (size + 2 > pending.length) {
                pending = Arrays.copyOf(pending, pending.length * 2);
            }
            pending[size++] = value;
            pending[size++] = weight;
        }

        void merge(Distribution o) {
            if (o.histogram != null) {
                histogram().add(o.histogram);
                return;
            }
            if (!o.encoded.isEmpty()) {
                if (histogram != null || encoded.isEmpty()) {
                    o.encoded.forEach(bytes -> EncodedHistogram.addTo(histogram(), bytes));
                } else {
                    encoded.addAll(o.encoded);
                }
            }
            for (int i = 0; i < o.size; i += 2) {
                record(o.pending[i], o.pending[i + 1]);
            }
        }

        /** The distribution as a histogram, built from the values and encodings kept so far on first use. */
        Histogram histogram() {
            if (histogram == null) {
                // sized for the largest part up front: growing one resize at a time was 8% of what a run allocated
                long highest = 2;
                for (byte[] bytes : encoded) {
                    highest = Math.max(highest, EncodedHistogram.highestTrackable(bytes));
                }
                Histogram h = new Histogram(1, highest, DIGITS);
                h.setAutoResize(true);
                histogram = in(h);
                encoded = List.of();
                pending = null;
                size = 0;
            }
            return histogram;
        }

        /**
         * The distribution as a histogram without keeping one: its own when built already, else {@code scratch}
         * reset and filled with the values and encodings kept so far (auto-resizing, so it grows to the largest it
         * has held and stays so).
         */
        Histogram in(Histogram scratch) {
            if (histogram != null) {
                return histogram;
            }
            scratch.reset();
            encoded.forEach(bytes -> EncodedHistogram.addTo(scratch, bytes));
            replayInto(scratch);
            return scratch;
        }

        /** The stored encoding when this is one stored distribution, untouched; else null. */
        private byte[] asStored() {
            return histogram == null && size == 0 && encoded.size() == 1 ? encoded.get(0) : null;
        }

        private void replayInto(Histogram h) {
            for (int i = 0; i < size; i += 2) {
                h.recordValueWithCount(pending[i], pending[i + 1]);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Distribution d && histogram().equals(d.histogram());
        }

        @Override
        public int hashCode() {
            return histogram().hashCode();
        }
    }

    /**
     * Writes distributions in HdrHistogram's own encoding (V2, zero runs compressed), as stored, one after another
     * through one histogram and one buffer: a poll stores hundreds. Not thread-safe; one per statement.
     */
    static final class Encoder {
        private final Histogram scratch = scratch();
        private ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

        byte[] encode(Distribution d) {
            byte[] stored = d.asStored();
            if (stored != null) {
                return stored;
            }
            Histogram h = d.in(scratch);
            int needed = h.getNeededByteBufferCapacity();
            if (buffer.capacity() < needed) {
                buffer = ByteBuffer.allocate(needed);
            }
            buffer.clear();
            h.encodeIntoByteBuffer(buffer);
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
