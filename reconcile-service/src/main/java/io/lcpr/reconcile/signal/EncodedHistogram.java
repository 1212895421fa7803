package io.lcpr.reconcile.signal;

import java.nio.ByteBuffer;

import org.HdrHistogram.Histogram;

/**
 * Adds a histogram stored in HdrHistogram's V2 encoding to another, straight from the bytes. Decoding builds a whole
 * histogram first (its counts array sized for the encoded range, by reflection), and compacting or reading an hour
 * decoded three per stored row only to add them up: over a quarter of what reconcile-service allocated in
 * bench-reconcile's JFR profile. The format: a 40-byte header (cookie, payload length, normalizing index offset,
 * significant digits, lowest discernible value, highest trackable value, integer-to-double ratio), then the counts by
 * index as ZigZag LEB128 longs, a negative one standing for that many empty indexes.
 */
final class EncodedHistogram {
    /** V2 uncompressed, with the word-size nibble HdrHistogram writes (0x10: LEB128 words, zero runs). */
    private static final int COOKIE = 0x1c849303 | 0x10;
    private static final int HEADER_BYTES = 40;

    private EncodedHistogram() {
    }

    /**
     * Adds the encoded histogram's counts to {@code target} (auto-resizing, lowest discernible value 1). One with
     * another geometry (other digits, another lowest value or an index offset) is decoded and added the usual way;
     * returns whether the counts were read straight from the bytes.
     */
    static boolean addTo(Histogram target, byte[] encoded) {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        int cookie = b.getInt();
        int payloadBytes = b.getInt();
        int indexOffset = b.getInt();
        int digits = b.getInt();
        long lowest = b.getLong();
        if (cookie != COOKIE || indexOffset != 0 || digits != target.getNumberOfSignificantValueDigits()
                || lowest != target.getLowestDiscernibleValue() || lowest != 1) {
            target.add(SignalRollup.decode(encoded));
            return false;
        }
        b.position(HEADER_BYTES);
        Geometry g = Geometry.of(digits);
        int end = HEADER_BYTES + payloadBytes;
        int index = 0;
        while (b.position() < end) {
            long word = zigZagLong(b);
            if (word < 0) {
                index += (int) -word;
            } else {
                if (word > 0) {
                    target.recordValueWithCount(g.valueAt(index), word);
                }
                index++;
            }
        }
        return true;
    }

    /**
     * The highest value the encoded histogram could hold: what a histogram to add it to is sized for at once (2, the
     * least a histogram can be made with, for an encoding this class does not read).
     */
    static long highestTrackable(byte[] encoded) {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        return b.getInt(0) == COOKIE ? Math.max(2, b.getLong(24)) : 2;
    }

    /** HdrHistogram's ZigZag LEB128: 7 bits a byte for eight bytes, all 8 of a ninth. */
    static long zigZagLong(ByteBuffer b) {
        long value = 0;
        int shift = 0;
        long v;
        do {
            v = b.get();
            if (shift == 56) {
                value |= (v & 0xFF) << 56;
                break;
            }
            value |= (v & 0x7F) << shift;
            shift += 7;
        } while ((v & 0x80) != 0);
        return (value >>> 1) ^ -(value & 1);
    }

    /** Where an index's values start, for a histogram of these digits over values from 1. */
    record Geometry(int subBucketHalfCountMagnitude, int subBucketHalfCount) {
        static Geometry of(int digits) {
            long largestSingleUnit = 2 * (long) Math.pow(10, digits);
            int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestSingleUnit) / Math.log(2));
            int halfMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
            return new Geometry(halfMagnitude, 1 << halfMagnitude);
        }

        long valueAt(int index) {
            int bucket = (index >> subBucketHalfCountMagnitude) - 1;
            int subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
            if (bucket < 0) {
                subBucket -= subBucketHalfCount;
                bucket = 0;
            }
            return (long) subBucket << bucket;
        }
    }
}
