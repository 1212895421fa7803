package io.lcpr.delivery.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows as PostgreSQL binary COPY data: a header, each row's field count then its fields, a trailer. Binary spares
 * both sides the text round trip: nothing to escape, no number, uuid or timestamp parsing in the server. Ingest
 * writes its trace chunks this way, reconcile-service its new calls.
 */
public final class BinaryCopy {
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0 }; // header extension length
    private static final long PG_EPOCH_SECOND = 946_684_800L; // 2000-01-01T00:00:00Z, PostgreSQL's day zero
    private static final long PG_EPOCH_MICROS = PG_EPOCH_SECOND * 1_000_000L;
    private static final long PG_EPOCH_DAY = 10_957L;
    // Whole big-endian ints and longs in one store each: byte by byte, the field writes were the largest single
    // cost of encoding a chunk in a profile of the ingest benchmark.
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int size;

    /** A COPY stream with its header written, sized for about {@code capacity} bytes. */
    public BinaryCopy(int capacity) {
        buf = new byte[Math.max(64, capacity)];
        bytes(HEADER);
    }

    /** Starts a row of {@code columns} fields. */
    public void row(int columns) {
        ensure(2);
        int16((short) columns);
    }

    /** The whole stream, with its trailer. */
    public byte[] finish() {
        trailer();
        return Arrays.copyOf(buf, size);
    }

    private void trailer() {
        ensure(2);
        int16((short) -1);
    }

    /** Sends a whole stream to {@code copy ... from stdin (format binary)}; returns the rows the server took. */
    public static long copyIn(Connection connection, String sql, byte[] stream) throws SQLException {
        return copyIn(connection, sql, stream, stream.length);
    }

    /**
     * Ends these rows with the trailer and sends them to {@code copy ... from stdin (format binary)} from the buffer
     * they were written into (a poll's rows are about a megabyte, and {@link #finish} copies them); returns the rows
     * the server took. Once only: the rows are ended.
     */
    public long copyIn(Connection connection, String sql) throws SQLException {
        trailer();
        return copyIn(connection, sql, buf, size);
    }

    private static long copyIn(Connection connection, String sql, byte[] stream, int length) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copy.writeToCopy(stream, 0, length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    public void int64Field(Long value) {
        if (value == null) {
            nullField();
        } else {
            int64Field(value.longValue());
        }
    }

    public void int64Field(long value) {
        ensure(12);
        int32(8);
        int64(value);
    }

    public void int32Field(int value) {
        ensure(8);
        int32(4);
        int32(value);
    }

    public void int16Field(short value) {
        ensure(6);
        int32(2);
        int16(value);
    }

    public void boolField(boolean value) {
        ensure(5);
        int32(1);
        buf[size++] = (byte) (value ? 1 : 0);
    }

    public void dateField(LocalDate date) {
        ensure(8);
        int32(4);
        int32((int) (date.toEpochDay() - PG_EPOCH_DAY));
    }

    public void uuidField(UUID uuid) {
        ensure(20);
        int32(16);
        int64(uuid.getMostSignificantBits());
        int64(uuid.getLeastSignificantBits());
    }

    /** timestamptz: microseconds since PostgreSQL's day zero (the column keeps microseconds, finer is cut). */
    public void timestampField(Instant instant) {
        ensure(12);
        int32(8);
        int64(Math.multiplyExact(instant.getEpochSecond() - PG_EPOCH_SECOND, 1_000_000L) + instant.getNano() / 1_000);
    }

    /** timestamptz from microseconds since the Unix epoch. */
    public void timestampMicrosField(long epochMicros) {
        int64Field(epochMicros - PG_EPOCH_MICROS);
    }

    /** A text value as UTF-8: ASCII is copied as is, anything else goes through the encoder. */
    public void text(String value) {
        if (value == null) {
            nullField();
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

    private void nullField() {
        ensure(4);
        int32(-1);
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
