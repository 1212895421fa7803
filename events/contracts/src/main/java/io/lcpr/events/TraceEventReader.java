package io.lcpr.events;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * llm.traces.v1 events read field by field from their UTF-8 bytes, the shape producers write: through databind
 * (record creators, a String decoded from the bytes first) reading was over a third of the samples of
 * reconcile-service's fold threads handling traces (JFR profile of bench-reconcile, session 32), and bench-reconcile
 * times it at 1.5 times faster. Anything outside that shape (a number given as text, an instant with an offset, a
 * field twice, malformed JSON) is read by {@link EventJson#read(byte[], Class)} instead, so the result and every error
 * message are databind's; TraceEventReaderTest holds the two equal.
 */
public final class TraceEventReader {
    private static final JsonFactory FACTORY = EventJson.MAPPER.getFactory();

    private TraceEventReader() {
    }

    /** Not the usual shape: databind reads the event instead. */
    static final class Unusual extends Exception {
        Unusual() {
            super(null, null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    /** The trace's text fields, in CanonicalTrace's order (status, error type and finish reason last). */
    private static final String[] TEXT = { "request_id", "trace_id", "span_id", "work_unit_id", "parent_request_id",
            "attempt_kind", "workload", "team", "account", "provider", "model", "service_tier", "region", "api_key_id",
            "project_id", "prompt_version", "model_version", "status", "error_type", "finish_reason" };
    /** The trace's whole-number fields, in CanonicalTrace's order. */
    private static final String[] NUMBER = { "input_tokens", "cache_read_tokens", "cache_creation_tokens",
            "output_tokens", "reasoning_tokens", "ttft_ms", "e2e_ms" };
    private static final int STARTED_AT = TEXT.length + NUMBER.length;
    private static final int ATTRIBUTES = STARTED_AT + 1;
    private static final Map<String, Integer> FIELDS = new HashMap<>();
    static {
        for (int i = 0; i < TEXT.length; i++) {
            FIELDS.put(TEXT[i], i);
        }
        for (int i = 0; i < NUMBER.length; i++) {
            FIELDS.put(NUMBER[i], TEXT.length + i);
        }
        FIELDS.put("started_at", STARTED_AT);
        FIELDS.put("attributes", ATTRIBUTES);
    }

    /** The event, as {@code EventJson.read(json, TraceRecordedV1.class)} reads it. */
    public static TraceRecordedV1 read(byte[] json) {
        try {
            return readUsual(json);
        } catch (Unusual | IOException | RuntimeException e) {
            return EventJson.read(json, TraceRecordedV1.class);
        }
    }

    /** The event when it has the usual shape; Unusual, or the parser's error, when it has not. */
    static TraceRecordedV1 readUsual(byte[] json) throws IOException, Unusual {
        try (JsonParser p = FACTORY.createParser(json)) {
            return event(p);
        }
    }

    private static TraceRecordedV1 event(JsonParser p) throws IOException, Unusual {
        expect(p.nextToken() == JsonToken.START_OBJECT);
        UUID eventId = null;
        Instant occurredAt = null;
        int schemaVersion = 0;
        String producer = null;
        String dedupeKey = null;
        CanonicalTrace trace = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            int field = switch (name) {
                case "eventId" -> {
                    String id = text(p, value);
                    expect(id == null || id.length() == 36);
                    eventId = id == null ? null : UUID.fromString(id);
                    yield 1;
                }
                case "occurredAt" -> {
                    occurredAt = instant(p, value);
                    yield 2;
                }
                case "schemaVersion" -> {
                    expect(value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT);
                    schemaVersion = p.getIntValue();
                    yield 4;
                }
                case "producer" -> {
                    producer = text(p, value);
                    yield 8;
                }
                case "dedupeKey" -> {
                    dedupeKey = text(p, value);
                    yield 16;
                }
                case "trace" -> {
                    expect(value == JsonToken.START_OBJECT || value == JsonToken.VALUE_NULL);
                    trace = value == JsonToken.VALUE_NULL ? null : trace(p);
                    yield 32;
                }
                default -> {
                    p.skipChildren();
                    yield 0;
                }
            };
            expect((seen & field) == 0);
            seen |= field;
        }
        expect(p.currentToken() == JsonToken.END_OBJECT);
        return new TraceRecordedV1(eventId, occurredAt, schemaVersion, producer, dedupeKey, trace);
    }

    /** The trace's fields, each given at most once; unknown ones skipped. */
    private static CanonicalTrace trace(JsonParser p) throws IOException, Unusual {
        String[] text = new String[TEXT.length];
        Long[] number = new Long[NUMBER.length];
        Instant startedAt = null;
        Map<String, String> attributes = null;
        long seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            int field = field(name);
            if (field < 0) {
                p.skipChildren();
                continue;
            }
            expect((seen & (1L << field)) == 0);
            seen |= 1L << field;
            if (field < TEXT.length) {
                text[field] = text(p, value);
            } else if (field < TEXT.length + NUMBER.length) {
                expect(value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER);
                number[field - TEXT.length] = value == JsonToken.VALUE_NULL ? null : p.getLongValue();
            } else if (field == STARTED_AT) {
                startedAt = instant(p, value);
            } else {
                attributes = attributes(p, value);
            }
        }
        return new CanonicalTrace(text[0], text[1], text[2], text[3], text[4], text[5], text[6], text[7], text[8],
                text[9], text[10], text[11], text[12], text[13], text[14], text[15], text[16], startedAt, number[0],
                number[1], number[2], number[3], number[4], number[5], number[6], text[17], text[18], text[19],
                attributes);
    }

    private static int field(String name) {
        Integer i = FIELDS.get(name);
        return i == null ? -1 : i;
    }

    private static Map<String, String> attributes(JsonParser p, JsonToken value) throws IOException, Unusual {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value == JsonToken.START_OBJECT);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            out.put(name, text(p, p.nextToken())); // a key given twice: the last value, as databind
        }
        return out;
    }

    /** A text value or null; any other token is unusual (databind would coerce it). */
    private static String text(JsonParser p, JsonToken value) throws IOException, Unusual {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value == JsonToken.VALUE_STRING);
        return p.getText();
    }

    /** An instant in the suite's own shape (Instants.parseUtc) or null; any other shape is unusual. */
    private static Instant instant(JsonParser p, JsonToken value) throws IOException, Unusual {
        String s = text(p, value);
        if (s == null) {
            return null;
        }
        Instant at = Instants.parseUtc(s);
        expect(at != null);
        return at;
    }

    private static void expect(boolean usual) throws Unusual {
        if (!usual) {
            throw UNUSUAL;
        }
    }
}
