package io.lcpr.ingest.trace;

import java.util.Map;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.TraceRecordedV1;

/**
 * llm.traces.v1 events written field by field into one StringBuilder. Databind reaches each record component by
 * reflection and was the largest single cost of publishing; a JsonGenerator per event still cost more than the rest
 * of the send. This writer gives the same text as {@code EventJson.write} (null fields left out, ISO-8601 instants,
 * snake_case trace fields, Jackson's escapes), which TraceEventJsonTest checks against databind.
 */
final class TraceEventJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TraceEventJson() {
    }

    static String write(TraceRecordedV1 event) {
        StringBuilder out = new StringBuilder(768);
        out.append('{');
        boolean first = string(out, true, "eventId", event.eventId() == null ? null : event.eventId().toString());
        first = string(out, first, "occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        first = number(out, first, "schemaVersion", (long) event.schemaVersion());
        first = string(out, first, "producer", event.producer());
        first = string(out, first, "dedupeKey", event.dedupeKey());
        if (event.trace() != null) {
            name(out, first, "trace");
            trace(out, event.trace());
        }
        return out.append('}').toString();
    }

    private static void trace(StringBuilder out, CanonicalTrace t) {
        out.append('{');
        boolean first = string(out, true, "request_id", t.requestId());
        first = string(out, first, "trace_id", t.traceId());
        first = string(out, first, "span_id", t.spanId());
        first = string(out, first, "work_unit_id", t.workUnitId());
        first = string(out, first, "parent_request_id", t.parentRequestId());
        first = string(out, first, "attempt_kind", t.attemptKind());
        first = string(out, first, "workload", t.workload());
        first = string(out, first, "team", t.team());
        first = string(out, first, "account", t.account());
        first = string(out, first, "provider", t.provider());
        first = string(out, first, "model", t.model());
        first = string(out, first, "service_tier", t.serviceTier());
        first = string(out, first, "region", t.region());
        first = string(out, first, "api_key_id", t.apiKeyId());
        first = string(out, first, "project_id", t.projectId());
        first = string(out, first, "prompt_version", t.promptVersion());
        first = string(out, first, "model_version", t.modelVersion());
        first = string(out, first, "started_at", t.startedAt() == null ? null : t.startedAt().toString());
        first = number(out, first, "input_tokens", t.inputTokens());
        first = number(out, first, "cache_read_tokens", t.cacheReadTokens());
        first = number(out, first, "cache_creation_tokens", t.cacheCreationTokens());
        first = number(out, first, "output_tokens", t.outputTokens());
        first = number(out, first, "reasoning_tokens", t.reasoningTokens());
        first = number(out, first, "ttft_ms", t.ttftMs());
        first = number(out, first, "e2e_ms", t.e2eMs());
        first = string(out, first, "status", t.status());
        first = string(out, first, "error_type", t.errorType());
        first = string(out, first, "finish_reason", t.finishReason());
        if (t.attributes() != null) {
            name(out, first, "attributes");
            out.append('{');
            boolean firstAttribute = true;
            for (Map.Entry<String, String> e : t.attributes().entrySet()) {
                firstAttribute = string(out, firstAttribute, e.getKey(), e.getValue()); // databind leaves null values out too
            }
            out.append('}');
        }
        out.append('}');
    }

    /** Writes the field unless its value is null; returns whether the next field is still the first. */
    private static boolean string(StringBuilder out, boolean first, String name, String value) {
        if (value == null) {
            return first;
        }
        name(out, first, name);
        quoted(out, value);
        return false;
    }

    private static boolean number(StringBuilder out, boolean first, String name, Long value) {
        if (value == null) {
            return first;
        }
        name(out, first, name);
        out.append(value.longValue());
        return false;
    }

    private static void name(StringBuilder out, boolean first, String name) {
        if (!first) {
            out.append(',');
        }
        quoted(out, name);
        out.append(':');
    }

    /** Jackson's escaping: quote, backslash and control characters; everything else as is. */
    private static void quoted(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, plain, n).append('"');
    }
}
