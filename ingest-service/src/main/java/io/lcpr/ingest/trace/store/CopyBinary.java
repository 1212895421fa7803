package io.lcpr.ingest.trace.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;


/**
 * Traces as PostgreSQL binary COPY data, in the column order of TraceColumn. Binary spares both sides the text
 * round trip: nothing to escape here, no number, uuid or timestamp parsing in the server.
 */
final class CopyBinary {
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0 }; // header extension length
    private static final short COLUMNS = (short) TraceColumn.ALL.length;
    private static final long PG_EPOCH_SECOND = 946_684_800L; // 2000-01-01T00:00:00Z, PostgreSQL's day zero
    private static final long PG_EPOCH_DAY = 10_957L;
    // Whole big-endian ints and longs in one store each: byte by byte, the field writes were the largest single
    // cost of encoding a chunk in a profile of the ingest benchmark.
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int size;

    private CopyBinary(int capacity) {
        buf = new byte[capacity];
    }

    /** Rows numbered from {@code firstId}, with a header and a trailer: a whole COPY stream. */
    static byte[] rows(long firstId, List<StoredTrace> traces) {
        CopyBinary out = new CopyBinary(64 + traces.size() * 360);
        out.bytes(HEADER);
        long id = firstId;
        for (StoredTrace s : traces) {
            out.ensure(2);
            out.int16(COLUMNS);
            for (TraceColumn column : TraceColumn.ALL) {
                column.copy(out, id, s);
            }
            id++;
        }
        out.ensure(2);
        out.int16((short) -1);
        return Arrays.copyOf(out.buf, out.size);
    }

    void int64Field(Long value) {
        if (value == null) {
            ensure(4);
            int32(-1);
        } else {
            int64Field(value.longValue());
        }
    }

    void int64Field(long value) {
        ensure(12);
        int32(8);
        int64(value);
    }

    void dateField(LocalDate date) {
        ensure(8);
        int32(4);
        int32((int) (date.toEpochDay() - PG_EPOCH_DAY));
    }

    void uuidField(UUID uuid) {
        ensure(20);
        int32(16);
        int64(uuid.getMostSignificantBits());
        int64(uuid.getLeastSignificantBits());
    }

    /** timestamptz: microseconds since PostgreSQL's day zero (the column keeps microseconds, finer is cut). */
    void timestampField(Instant instant) {
        ensure(12);
        int32(8);
        int64(Math.multiplyExact(instant.getEpochSecond() - PG_EPOCH_SECOND, 1_000_000L) + instant.getNano() / 1_000);
    }

    /** A text value as UTF-8: ASCII is copied as is, anything else goes through the encoder. */
    void text(String value) {
        if (value == null) {
            ensure(4);
            int32(-1);
            return;
        }
        int n = value.length();
        ensure(4 + n);
        int lengthAt = size;
        size += 4;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                size = lengthAt;
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                ensure(4 + utf8.length);
                int32(utf8.length);
                bytes(utf8);
                return;
            }
            buf[lengthAt + 4 + i] = (byte) c;
        }
        size = lengthAt;
        int32(n);
        size += n;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void int16(short v) {
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void int32(int v) {
        INT.set(buf, size, v);
        size += 4;
    }

    private void int64(long v) {
        LONG.set(buf, size, v);
        size += 8;
    }
}
