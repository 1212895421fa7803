package io.lcpr.ingest.trace;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.TraceRecordedV1;

/**
 * llm.traces.v1 events written field by field. Databind reaches each record component by reflection, which was the
 * largest single cost of publishing; this writer gives the same text as {@code EventJson.write} (null fields left
 * out, ISO-8601 instants, snake_case trace fields), which TraceEventJsonTest checks against the golden event.
 */
final class TraceEventJson {
    private static final JsonFactory FACTORY = EventJson.MAPPER.getFactory();

    private TraceEventJson() {
    }

    static String write(TraceRecordedV1 event) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            string(g, "eventId", event.eventId() == null ? null : event.eventId().toString());
            string(g, "occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
            g.writeNumberField("schemaVersion", event.schemaVersion());
            string(g, "producer", event.producer());
            string(g, "dedupeKey", event.dedupeKey());
            if (event.trace() != null) {
                g.writeFieldName("trace");
                trace(g, event.trace());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void trace(JsonGenerator g, CanonicalTrace t) throws IOException {
        g.writeStartObject();
        string(g, "request_id", t.requestId());
        string(g, "trace_id", t.traceId());
        string(g, "span_id", t.spanId());
        string(g, "work_unit_id", t.workUnitId());
        string(g, "parent_request_id", t.parentRequestId());
        string(g, "attempt_kind", t.attemptKind());
        string(g, "workload", t.workload());
        string(g, "team", t.team());
        string(g, "account", t.account());
        string(g, "provider", t.provider());
        string(g, "model", t.model());
        string(g, "service_tier", t.serviceTier());
        string(g, "region", t.region());
        string(g, "api_key_id", t.apiKeyId());
        string(g, "project_id", t.projectId());
        string(g, "prompt_version", t.promptVersion());
        string(g, "model_version", t.modelVersion());
        string(g, "started_at", t.startedAt() == null ? null : t.startedAt().toString());
        number(g, "input_tokens", t.inputTokens());
        number(g, "cache_read_tokens", t.cacheReadTokens());
        number(g, "cache_creation_tokens", t.cacheCreationTokens());
        number(g, "output_tokens", t.outputTokens());
        number(g, "reasoning_tokens", t.reasoningTokens());
        number(g, "ttft_ms", t.ttftMs());
        number(g, "e2e_ms", t.e2eMs());
        string(g, "status", t.status());
        string(g, "error_type", t.errorType());
        string(g, "finish_reason", t.finishReason());
        if (t.attributes() != null) {
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> e : t.attributes().entrySet()) {
                string(g, e.getKey(), e.getValue()); // databind leaves null map values out too
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.longValue());
        }
    }
}
