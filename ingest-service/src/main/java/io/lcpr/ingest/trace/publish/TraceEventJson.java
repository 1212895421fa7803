package io.lcpr.ingest.trace.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.TraceRecordedV1;

/**
 * llm.traces.v1 events written field by field as UTF-8 bytes. Databind reaches each record component by
 * reflection and was the largest single cost of publishing; a JsonGenerator per event still cost more than the rest
 * of the send. Field names are copied as encoded once, and instants are written without a DateTimeFormatter
 * (Instant.toString was a sixth of the publisher's samples). This writer gives the same text as
 * {@code EventJson.write} (null fields left out, ISO-8601 instants, snake_case trace fields, Jackson's escapes),
 * which TraceEventJsonTest checks against databind.
 */
final class TraceEventJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    // Instant.toString's own four-digit years; outside them (never in a trace) the writer falls back to it.
    private static final long YEAR_0000 = -62_167_219_200L;
    private static final long YEAR_10000 = 253_402_300_800L;

    private static final byte[] EVENT_ID = name("eventId");
    private static final byte[] OCCURRED_AT = name("occurredAt");
    private static final byte[] SCHEMA_VERSION = name("schemaVersion");
    private static final byte[] PRODUCER = name("producer");
    private static final byte[] DEDUPE_KEY = name("dedupeKey");
    private static final byte[] TRACE = name("trace");
    private static final byte[] REQUEST_ID = name("request_id");
    private static final byte[] TRACE_ID = name("trace_id");
    private static final byte[] SPAN_ID = name("span_id");
    private static final byte[] WORK_UNIT_ID = name("work_unit_id");
    private static final byte[] PARENT_REQUEST_ID = name("parent_request_id");
    private static final byte[] ATTEMPT_KIND = name("attempt_kind");
    private static final byte[] WORKLOAD = name("workload");
    private static final byte[] TEAM = name("team");
    private static final byte[] ACCOUNT = name("account");
    private static final byte[] PROVIDER = name("provider");
    private static final byte[] MODEL = name("model");
    private static final byte[] SERVICE_TIER = name("service_tier");
    private static final byte[] REGION = name("region");
    private static final byte[] API_KEY_ID = name("api_key_id");
    private static final byte[] PROJECT_ID = name("project_id");
    private static final byte[] PROMPT_VERSION = name("prompt_version");
    private static final byte[] MODEL_VERSION = name("model_version");
    private static final byte[] STARTED_AT = name("started_at");
    private static final byte[] INPUT_TOKENS = name("input_tokens");
    private static final byte[] CACHE_READ_TOKENS = name("cache_read_tokens");
    private static final byte[] CACHE_CREATION_TOKENS = name("cache_creation_tokens");
    private static final byte[] OUTPUT_TOKENS = name("output_tokens");
    private static final byte[] REASONING_TOKENS = name("reasoning_tokens");
    private static final byte[] TTFT_MS = name("ttft_ms");
    private static final byte[] E2E_MS = name("e2e_ms");
    private static final byte[] STATUS = name("status");
    private static final byte[] ERROR_TYPE = name("error_type");
    private static final byte[] FINISH_REASON = name("finish_reason");
    private static final byte[] ATTRIBUTES = name("attributes");

    // One buffer for all the events a writer writes: the publisher writes a chunk's events with one writer.
    private final Out out = new Out();

    /** The event as text (tests compare it with databind's). */
    static String write(TraceRecordedV1 event) {
        return new String(new TraceEventJson().utf8(event), StandardCharsets.UTF_8);
    }

    /** The event as the UTF-8 bytes sent to Kafka. */
    byte[] utf8(TraceRecordedV1 event) {
        out.size = 0;
        out.ascii('{');
        boolean first = out.string(true, EVENT_ID, event.eventId() == null ? null : event.eventId().toString());
        first = out.instant(first, OCCURRED_AT, event.occurredAt());
        first = out.number(first, SCHEMA_VERSION, (long) event.schemaVersion());
        first = out.string(first, PRODUCER, event.producer());
        first = out.string(first, DEDUPE_KEY, event.dedupeKey());
        if (event.trace() != null) {
            out.name(first, TRACE);
            trace(out, event.trace());
        }
        out.ascii('}');
        return out.toByteArray();
    }

    private static void trace(Out out, CanonicalTrace t) {
        out.ascii('{');
        boolean first = out.string(true, REQUEST_ID, t.requestId());
        first = out.string(first, TRACE_ID, t.traceId());
        first = out.string(first, SPAN_ID, t.spanId());
        first = out.string(first, WORK_UNIT_ID, t.workUnitId());
        first = out.string(first, PARENT_REQUEST_ID, t.parentRequestId());
        first = out.string(first, ATTEMPT_KIND, t.attemptKind());
        first = out.string(first, WORKLOAD, t.workload());
        first = out.string(first, TEAM, t.team());
        first = out.string(first, ACCOUNT, t.account());
        first = out.string(first, PROVIDER, t.provider());
        first = out.string(first, MODEL, t.model());
        first = out.string(first, SERVICE_TIER, t.serviceTier());
        first = out.string(first, REGION, t.region());
        first = out.string(first, API_KEY_ID, t.apiKeyId());
        first = out.string(first, PROJECT_ID, t.projectId());
        first = out.string(first, PROMPT_VERSION, t.promptVersion());
        first = out.string(first, MODEL_VERSION, t.modelVersion());
        first = out.instant(first, STARTED_AT, t.startedAt());
        first = out.number(first, INPUT_TOKENS, t.inputTokens());
        first = out.number(first, CACHE_READ_TOKENS, t.cacheReadTokens());
        first = out.number(first, CACHE_CREATION_TOKENS, t.cacheCreationTokens());
        first = out.number(first, OUTPUT_TOKENS, t.outputTokens());
        first = out.number(first, REASONING_TOKENS, t.reasoningTokens());
        first = out.number(first, TTFT_MS, t.ttftMs());
        first = out.number(first, E2E_MS, t.e2eMs());
        first = out.string(first, STATUS, t.status());
        first = out.string(first, ERROR_TYPE, t.errorType());
        first = out.string(first, FINISH_REASON, t.finishReason());
        if (t.attributes() != null) {
            out.name(first, ATTRIBUTES);
            out.ascii('{');
            boolean firstAttribute = true;
            for (Map.Entry<String, String> e : t.attributes().entrySet()) {
                if (e.getValue() != null) { // databind leaves null values out too
                    out.name(firstAttribute, e.getKey());
                    out.quoted(e.getValue());
                    firstAttribute = false;
                }
            }
            out.ascii('}');
        }
        out.ascii('}');
    }

    /** A field name as written before its value: quoted, escaped and followed by a colon. */
    private static byte[] name(String name) {
        Out out = new Out();
        out.quoted(name);
        out.ascii(':');
        return out.toByteArray();
    }

    /**
     * UTF-8 written straight into bytes: built as a String, each event was copied twice more (to a String, then by
     * the serializer to UTF-8), and the publisher spent over half its time writing events.
     */
    private static final class Out {
        private byte[] buf = new byte[768];
        private int size;

        /** Writes the field unless its value is null; returns whether the next field is still the first. */
        boolean string(boolean first, byte[] name, String value) {
            if (value == null) {
                return first;
            }
            name(first, name);
            quoted(value);
            return false;
        }

        /** As Instant.toString (ISO-8601, fraction in groups of three digits as needed), without a formatter. */
        boolean instant(boolean first, byte[] name, Instant value) {
            if (value == null) {
                return first;
            }
            name(first, name);
            long second = value.getEpochSecond();
            if (second < YEAR_0000 || second >= YEAR_10000) {
                ascii('"');
                asciiText(value.toString());
                ascii('"');
                return false;
            }
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(second, 86_400));
            int secondOfDay = (int) Math.floorMod(second, 86_400);
            ensure(32);
            buf[size++] = '"';
            fixed(day.getYear(), 4);
            buf[size++] = '-';
            fixed(day.getMonthValue(), 2);
            buf[size++] = '-';
            fixed(day.getDayOfMonth(), 2);
            buf[size++] = 'T';
            fixed(secondOfDay / 3600, 2);
            buf[size++] = ':';
            fixed(secondOfDay / 60 % 60, 2);
            buf[size++] = ':';
            fixed(secondOfDay % 60, 2);
            int nano = value.getNano();
            if (nano != 0) {
                buf[size++] = '.';
                if (nano % 1_000_000 == 0) {
                    fixed(nano / 1_000_000, 3);
                } else if (nano % 1_000 == 0) {
                    fixed(nano / 1_000, 6);
                } else {
                    fixed(nano, 9);
                }
            }
            buf[size++] = 'Z';
            buf[size++] = '"';
            return false;
        }

        /** A non-negative value in exactly {@code width} digits, zero-padded; room already ensured. */
        private void fixed(long value, int width) {
            for (int i = size + width - 1; i >= size; i--) {
                buf[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            size += width;
        }

        boolean number(boolean first, byte[] name, Long value) {
            if (value == null) {
                return first;
            }
            name(first, name);
            long v = value;
            if (v < 0) {
                asciiText(Long.toString(v));
            } else {
                digits(v);
            }
            return false;
        }

        void name(boolean first, byte[] name) {
            ensure(name.length + 1);
            if (!first) {
                buf[size++] = ',';
            }
            System.arraycopy(name, 0, buf, size, name.length);
            size += name.length;
        }

        /** An attribute's name, not known in advance. */
        void name(boolean first, String name) {
            if (!first) {
                ascii(',');
            }
            quoted(name);
            ascii(':');
        }

        /** Jackson's escaping: quote, backslash and control characters; everything else as is, in UTF-8. */
        void quoted(String s) {
            int n = s.length();
            ensure(n + 2);
            int start = size;
            buf[size++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
                    size = start;
                    quotedSlow(s);
                    return;
                }
                buf[size++] = (byte) c;
            }
            buf[size++] = '"';
        }

        /** Strings with escapes or non-ASCII characters: escaped as text, then encoded. */
        private void quotedSlow(String s) {
            StringBuilder text = new StringBuilder(s.length() + 16).append('"');
            int plain = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                text.append(s, plain, i);
                plain = i + 1;
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    case '\b' -> text.append("\\b");
                    case '\f' -> text.append("\\f");
                    default -> text.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
            byte[] utf8 = text.append(s, plain, s.length()).append('"').toString().getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, size, utf8.length);
            size += utf8.length;
        }

        private void digits(long v) {
            ensure(20);
            fixed(v, digitCount(v));
        }

        private static int digitCount(long v) {
            int n = 1;
            while (v >= 10) {
                v /= 10;
                n++;
            }
            return n;
        }

        private void asciiText(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        }

        void ascii(char c) {
            ensure(1);
            buf[size++] = (byte) c;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
