package io.lcpr.ingest.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.ingest.trace.TraceRepository.StoredTrace;

/**
 * Traces as PostgreSQL binary COPY data, in the column order of TraceRepository. Binary spares both sides the text
 * round trip: nothing to escape here, no number, uuid or timestamp parsing in the server.
 */
final class CopyBinary {
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0 }; // header extension length
    static final short COLUMNS = 34;
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
            CanonicalTrace t = s.trace();
            out.ensure(2 + 12 + 8 + 20); // field count, id, month, event id
            out.int16(COLUMNS);
            out.int64Field(id++);
            out.dateField(TracePartitions.monthOf(t.startedAt()));
            out.uuidField(s.eventId());
            out.text(s.dedupeKey());
            out.text(t.requestId());
            out.text(t.traceId());
            out.text(t.spanId());
            out.text(t.workUnitId());
            out.text(t.parentRequestId());
            out.text(t.attemptKind());
            out.text(t.workload());
            out.text(t.team());
            out.text(t.account());
            out.text(t.provider());
            out.text(t.model());
            out.text(t.serviceTier());
            out.text(t.region());
            out.text(t.apiKeyId());
            out.text(t.projectId());
            out.text(t.promptVersion());
            out.text(t.modelVersion());
            out.ensure(8 * 12); // started_at and seven bigints
            out.timestampField(t.startedAt());
            out.int64Field(t.inputTokens());
            out.int64Field(t.cacheReadOrZero());
            out.int64Field(t.cacheCreationOrZero());
            out.int64Field(t.outputOrZero());
            out.int64Field(t.reasoningTokens());
            out.int64Field(t.ttftMs());
            out.int64Field(t.e2eMs());
            out.text(t.status());
            out.text(t.errorType());
            out.text(t.finishReason());
            out.text(t.attributes() == null ? null : EventJson.write(t.attributes()));
            out.ensure(12);
            out.timestampField(s.receivedAt());
        }
        out.ensure(2);
        out.int16((short) -1);
        return Arrays.copyOf(out.buf, out.size);
    }

    private void int64Field(Long value) {
        if (value == null) {
            int32(-1);
        } else {
            int64Field(value.longValue());
        }
    }

    private void int64Field(long value) {
        int32(8);
        int64(value);
    }

    private void dateField(LocalDate date) {
        int32(4);
        int32((int) (date.toEpochDay() - PG_EPOCH_DAY));
    }

    private void uuidField(UUID uuid) {
        int32(16);
        int64(uuid.getMostSignificantBits());
        int64(uuid.getLeastSignificantBits());
    }

    /** timestamptz: microseconds since PostgreSQL's day zero (the column keeps microseconds, finer is cut). */
    private void timestampField(Instant instant) {
        int32(8);
        int64(Math.multiplyExact(instant.getEpochSecond() - PG_EPOCH_SECOND, 1_000_000L) + instant.getNano() / 1_000);
    }

    /** A text value as UTF-8: ASCII is copied as is, anything else goes through the encoder. */
    private void text(String value) {
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
