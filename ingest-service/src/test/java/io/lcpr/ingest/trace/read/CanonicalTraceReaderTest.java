package io.lcpr.ingest.trace.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.ingest.batch.RecordBinder;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;
import io.lcpr.ingest.batch.RecordError;

/** The token-by-token reader gives what databind gives, for the common shape and for everything it hands over. */
class CanonicalTraceReaderTest {
    static final String COMMON = """
            {"request_id":"req-1","work_unit_id":"wu-1","attempt_kind":"retry","workload":"w","team":"t",\
            "provider":"openai","model":"gpt-4.1-mini","started_at":"2026-04-15T09:00:00Z","input_tokens":2400,\
            "cache_read_tokens":1800,"output_tokens":220,"ttft_ms":380,"e2e_ms":2100}""";

    final CanonicalTraceReader reader = new CanonicalTraceReader();

    static Object databind(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            return RecordBinder.bind(3, bytes, 0, bytes.length, CanonicalTrace.class);
        } catch (InvalidRecordException e) {
            return e.error();
        }
    }

    Object read(String json) {
        byte[] padded = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8); // an offset into a larger buffer
        int len = json.getBytes(StandardCharsets.UTF_8).length;
        try {
            return reader.read(3, padded, 2, len);
        } catch (InvalidRecordException e) {
            return e.error();
        }
    }

    static CanonicalTrace fast(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return CanonicalTraceReader.readCommonShape(bytes, 0, bytes.length);
    }

    @Test
    void readsTheCommonShapeItselfAsDatabindWould() throws Exception {
        String golden = EventJson.MAPPER.readTree(Goldens.read(Topics.TRACES)).get("trace").toString();
        String everything = """
                {"request_id":"r\\u00e9q \\"1\\"","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7",\
                "work_unit_id":"wu","parent_request_id":"p","attempt_kind":"repair","workload":"w","team":"t","account":"a",\
                "provider":"Anthropic","model":"claude-sonnet-4","service_tier":"batch","region":"eu","api_key_id":"k",\
                "project_id":"pr","prompt_version":"v3","model_version":"2025-05-14","started_at":"2026-12-31T23:59:59.123456789Z",\
                "input_tokens":9007199254740993,"cache_read_tokens":0,"cache_creation_tokens":5,"output_tokens":1,\
                "reasoning_tokens":2,"ttft_ms":3,"e2e_ms":4,"status":"ok","error_type":null,"finish_reason":"stop",\
                "attributes":{"gen_ai.operation.name":"chat","emoji":"\\ud83d\\ude00"},"unknown":{"nested":[1,{"a":null}]}}""";
        for (String json : List.of(COMMON, golden, everything, "{}", "{\"started_at\":\"2026-04-15T09:00:00.5Z\"}",
                "{\"attributes\":{}}", "{\"model\":null,\"attributes\":null}")) {
            assertNotNull(fast(json), json);
            assertEquals(databind(json), read(json), json);
        }
        assertEquals(Instant.parse("2026-12-31T23:59:59.123456789Z"), ((CanonicalTrace) read(everything)).startedAt());
    }

    @Test
    void handsEveryOtherShapeToDatabindAndGivesItsAnswer() {
        List<String> others = List.of(
                "{\"input_tokens\":\"2400\"}", // a count as a string: databind coerces
                "{\"input_tokens\":2400.0}",
                "{\"input_tokens\":99999999999999999999999}",
                "{\"request_id\":12}",
                "{\"request_id\":{\"a\":1}}",
                "{\"request_id\":\"a\",\"request_id\":\"b\"}",
                "{\"started_at\":\"2026-04-15T09:00:00+02:00\"}",
                "{\"started_at\":\"2026-04-15t09:00:00z\"}",
                "{\"started_at\":\"2026-02-30T09:00:00Z\"}",
                "{\"started_at\":\"2026-04-15T24:00:00Z\"}",
                "{\"started_at\":\"2026-04-15T09:00:00.Z\"}",
                "{\"started_at\":1776243600}",
                "{\"started_at\":\"\"}",
                "{\"attributes\":{\"n\":1}}",
                "{\"attributes\":{\"a\":\"1\",\"a\":\"2\"}}",
                "{\"attributes\":[]}",
                "{\"model\":\"x\"",
                "{\"model\":\"x\"} trailing",
                "[1]",
                "\"text\"",
                "not json");
        for (String json : others) {
            Object expected = databind(json);
            assertEquals(expected, read(json), json);
        }
        assertNull(fast("{\"input_tokens\":\"2400\"}"));
        assertEquals(2400L, ((CanonicalTrace) read("{\"input_tokens\":\"2400\"}")).inputTokens());
        RecordError error = (RecordError) read("{\"input_tokens\":[1]}");
        assertEquals(new RecordError(3, "input_tokens", error.reason()), error);
    }

    @Test
    void readsEveryComponentOfTheRecord() throws Exception {
        // A component added to CanonicalTrace must be read here too, or it would be dropped without a word.
        StringBuilder json = new StringBuilder("{");
        for (RecordComponent c : CanonicalTrace.class.getRecordComponents()) {
            String name = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
            String value = c.getType() == Long.class ? "7" : c.getType() == Instant.class ? "\"2026-04-15T09:00:00Z\""
                    : c.getType() == Map.class ? "{\"k\":\"v\"}" : "\"x\"";
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value);
        }
        CanonicalTrace trace = fast(json.append('}').toString());
        assertNotNull(trace, json.toString());
        for (RecordComponent c : CanonicalTrace.class.getRecordComponents()) {
            assertNotNull(c.getAccessor().invoke(trace), c.getName());
        }
        assertEquals(databind(json.toString()), trace);
    }
}
