package io.lcpr.ingest.otlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decodes an OTLP/HTTP JSON {@code ExportTraceServiceRequest}: ids are hex strings, 64-bit integers are strings,
 * attribute values are AnyValue objects (string, int, double, bool, array).
 */
final class OtlpJson {
    private OtlpJson() {
    }

    static List<GenAiSpanMapper.Span> spans(JsonNode request) {
        List<GenAiSpanMapper.Span> spans = new ArrayList<>();
        for (JsonNode rs : request.path("resourceSpans")) {
            Map<String, Object> resource = attributes(rs.path("resource").path("attributes"));
            for (JsonNode ss : rs.path("scopeSpans")) {
                for (JsonNode s : ss.path("spans")) {
                    spans.add(new GenAiSpanMapper.Span(s.path("traceId").asText(null), s.path("spanId").asText(null),
                            s.path("startTimeUnixNano").asLong(0), s.path("endTimeUnixNano").asLong(0),
                            s.path("status").path("code").asInt(0), attributes(s.path("attributes")), resource));
                }
            }
        }
        return spans;
    }

    static Map<String, Object> attributes(JsonNode list) {
        Map<String, Object> out = new HashMap<>();
        for (JsonNode kv : list) {
            Object value = value(kv.path("value"));
            if (value != null) {
                out.put(kv.path("key").asText(), value);
            }
        }
        return out;
    }

    static Object value(JsonNode v) {
        if (v.has("stringValue")) {
            return v.get("stringValue").asText();
        }
        if (v.has("intValue")) {
            return v.get("intValue").asLong();
        }
        if (v.has("doubleValue")) {
            return v.get("doubleValue").asDouble();
        }
        if (v.has("boolValue")) {
            return v.get("boolValue").asBoolean();
        }
        if (v.has("arrayValue")) {
            List<Object> values = new ArrayList<>();
            v.get("arrayValue").path("values").forEach(e -> values.add(value(e)));
            return values;
        }
        return null;
    }
}
