package io.lcpr.ingest.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.TraceRecordedV1;

/**
 * llm.traces.v1 events written field by field as UTF-8 bytes. Databind reaches each record component by
 * reflection and was the largest single cost of publishing; a JsonGenerator per event still cost more than the rest
 * of the send. This writer gives the same text as {@code EventJson.write} (null fields left out, ISO-8601 instants,
 * snake_case trace fields, Jackson's escapes), which TraceEventJsonTest checks against databind.
 */
final class TraceEventJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TraceEventJson() {
    }

    /** The event as text (tests compare it with databind's). */
    static String write(TraceRecordedV1 event) {
        return new String(utf8(event), StandardCharsets.UTF_8);
    }

    /** The event as the UTF-8 bytes sent to Kafka. */
    static byte[] utf8(TraceRecordedV1 event) {
        Out out = new Out();
        out.ascii('{');
        boolean first = out.string(true, "eventId", event.eventId() == null ? null : event.eventId().toString());
        first = out.string(first, "occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        first = out.number(first, "schemaVersion", (long) event.schemaVersion());
        first = out.string(first, "producer", event.producer());
        first = out.string(first, "dedupeKey", event.dedupeKey());
        if (event.trace() != null) {
            out.name(first, "trace");
            trace(out, event.trace());
        }
        out.ascii('}');
        return out.toByteArray();
    }

    private static void trace(Out out, CanonicalTrace t) {
        out.ascii('{');
        boolean first = out.string(true, "request_id", t.requestId());
        first = out.string(first, "trace_id", t.traceId());
        first = out.string(first, "span_id", t.spanId());
        first = out.string(first, "work_unit_id", t.workUnitId());
        first = out.string(first, "parent_request_id", t.parentRequestId());
        first = out.string(first, "attempt_kind", t.attemptKind());
        first = out.string(first, "workload", t.workload());
        first = out.string(first, "team", t.team());
        first = out.string(first, "account", t.account());
        first = out.string(first, "provider", t.provider());
        first = out.string(first, "model", t.model());
        first = out.string(first, "service_tier", t.serviceTier());
        first = out.string(first, "region", t.region());
        first = out.string(first, "api_key_id", t.apiKeyId());
        first = out.string(first, "project_id", t.projectId());
        first = out.string(first, "prompt_version", t.promptVersion());
        first = out.string(first, "model_version", t.modelVersion());
        first = out.string(first, "started_at", t.startedAt() == null ? null : t.startedAt().toString());
        first = out.number(first, "input_tokens", t.inputTokens());
        first = out.number(first, "cache_read_tokens", t.cacheReadTokens());
        first = out.number(first, "cache_creation_tokens", t.cacheCreationTokens());
        first = out.number(first, "output_tokens", t.outputTokens());
        first = out.number(first, "reasoning_tokens", t.reasoningTokens());
        first = out.number(first, "ttft_ms", t.ttftMs());
        first = out.number(first, "e2e_ms", t.e2eMs());
        first = out.string(first, "status", t.status());
        first = out.string(first, "error_type", t.errorType());
        first = out.string(first, "finish_reason", t.finishReason());
        if (t.attributes() != null) {
            out.name(first, "attributes");
            out.ascii('{');
            boolean firstAttribute = true;
            for (Map.Entry<String, String> e : t.attributes().entrySet()) {
                firstAttribute = out.string(firstAttribute, e.getKey(), e.getValue()); // databind leaves null values out too
            }
            out.ascii('}');
        }
        out.ascii('}');
    }

    /**
     * UTF-8 written straight into bytes: built as a String, each event was copied twice more (to a String, then by
     * the serializer to UTF-8), and the publisher spent over half its time writing events.
     */
    private static final class Out {
        private byte[] buf = new byte[768];
        private int size;

        /** Writes the field unless its value is null; returns whether the next field is still the first. */
        boolean string(boolean first, String name, String value) {
            if (value == null) {
                return first;
            }
            name(first, name);
            quoted(value);
            return false;
        }

        boolean number(boolean first, String name, Long value) {
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
            int end = size + digitCount(v);
            size = end;
            do {
                buf[--end] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
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
