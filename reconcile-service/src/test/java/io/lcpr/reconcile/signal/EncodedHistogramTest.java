package io.lcpr.reconcile.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Counts added from the stored bytes equal the stored histogram decoded and added. */
class EncodedHistogramTest {

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5 })
    void addedFromTheBytesEqualsDecodedAndAdded(long seed) {
        Random random = new Random(seed);
        Histogram target = filled(random, SignalRollup.DIGITS);
        Histogram expected = target.copy();
        for (int i = 0; i < 4; i++) {
            Histogram stored = filled(random, SignalRollup.DIGITS);
            byte[] bytes = encode(stored);
            expected.add(SignalRollup.decode(bytes));
            assertTrue(EncodedHistogram.addTo(target, bytes), "read straight from the bytes");
        }
        assertEquals(expected, target);
        assertEquals(expected.getTotalCount(), target.getTotalCount());
        assertEquals(expected.getMaxValue(), target.getMaxValue());
        assertEquals(expected.getMinNonZeroValue(), target.getMinNonZeroValue());
        assertEquals(expected.getValueAtPercentile(99), target.getValueAtPercentile(99));
    }

    @ParameterizedTest
    @ValueSource(longs = { 7, 8 })
    void anotherPrecisionIsDecodedTheUsualWay(long seed) {
        Random random = new Random(seed);
        Histogram target = new Histogram(SignalRollup.DIGITS);
        Histogram stored = filled(random, 3);
        Histogram expected = new Histogram(SignalRollup.DIGITS);
        expected.add(stored);
        assertFalse(EncodedHistogram.addTo(target, encode(stored)));
        assertEquals(expected, target);
    }

    /** A count as HdrHistogram writes it (one to nine bytes) reads back; zero runs are covered by the tests above. */
    @ParameterizedTest
    @ValueSource(longs = { 1, 63, 64, 8_191, 8_192, 1L << 40, 1L << 55, 1L << 62, Long.MAX_VALUE })
    void countsReadBackAsWritten(long count) {
        Histogram h = new Histogram(SignalRollup.DIGITS);
        h.recordValueWithCount(0, count);
        ByteBuffer b = ByteBuffer.wrap(encode(h));
        b.position(40);
        assertEquals(count, EncodedHistogram.zigZagLong(b));
    }

    /** Values from 0 to beyond an hour in milliseconds, with counts up to large ones, and long empty stretches. */
    private static Histogram filled(Random random, int digits) {
        Histogram h = new Histogram(digits);
        for (int i = random.nextInt(500); i >= 0; i--) {
            long value = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(200);
                case 1 -> random.nextInt(60_000);
                case 2 -> (long) (random.nextDouble() * 5_000_000_000L);
                default -> 0;
            };
            h.recordValueWithCount(value, 1 + (random.nextInt(10) == 0 ? random.nextInt(1 << 30) : random.nextInt(5)));
        }
        return h;
    }

    private static byte[] encode(Histogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        h.encodeIntoByteBuffer(b);
        return Arrays.copyOf(b.array(), b.position());
    }
}
