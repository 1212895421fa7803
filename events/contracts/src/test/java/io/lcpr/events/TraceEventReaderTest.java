package io.lcpr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand reader of llm.traces.v1 reads what databind reads, and leaves to databind what it does not read itself. */
class TraceEventReaderTest {
    private static final String[] TEXTS = { "a", "openai", "chatcmpl-1", "é-ü", "quote \" and \\ back", "line\nbreak",
            "tab\tand \u0001", "emoji \uD83D\uDE80", "", "  spaced  " };

    @Test
    void readsTheGoldenFileAsDatabindDoes() throws Exception {
        byte[] golden = Goldens.read(Topics.TRACES).getBytes(StandardCharsets.UTF_8);
        TraceRecordedV1 expected = EventJson.read(golden, TraceRecordedV1.class);
        assertEquals(expected, TraceEventReader.readUsual(golden));
        assertEquals(expected, TraceEventReader.read(golden));
    }

    @Test
    void readsGeneratedEventsAsDatabindDoes() throws Exception {
        Random random = new Random(32);
        for (int i = 0; i < 2_000; i++) {
            TraceRecordedV1 event = event(random);
            byte[] json = EventJson.write(event).getBytes(StandardCharsets.UTF_8);
            assertEquals(EventJson.read(json, TraceRecordedV1.class), TraceEventReader.readUsual(json),
                    new String(json, StandardCharsets.UTF_8));
        }
    }

    @Test
    void skipsUnknownFieldsAndKeepsExplicitNulls() throws Exception {
        String json = """
                {"future": {"nested": [1, {"a": null}], "x": "y"}, "eventId": "0b6f4a8e-3c1d-4f2a-9a57-1d2e3f4a5b6c",
                 "schemaVersion": 1, "producer": null, "dedupeKey": "k", "occurredAt": "2026-04-15T09:00:01.250Z",
                 "trace": {"later_field": [true, false], "provider": "openai", "model": "m", "input_tokens": 12,
                   "output_tokens": null, "started_at": "2026-04-15T09:00:00Z", "attributes": {"a": null, "b": "c"},
                   "status": "ok"},
                 "trailing": 1.5}""";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(EventJson.read(bytes, TraceRecordedV1.class), TraceEventReader.readUsual(bytes));
    }

    /** Shapes databind accepts or refuses in its own way: the reader hands each to databind. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"dedupeKey\": \"k\", \"trace\": {\"input_tokens\": \"12\"}}", // a number as text
            "{\"dedupeKey\": \"k\", \"trace\": {\"started_at\": \"2026-04-15T09:00:00+02:00\"}}", // an offset
            "{\"dedupeKey\": \"k\", \"trace\": {\"started_at\": 1776243600}}", // epoch seconds
            "{\"dedupeKey\": \"k\", \"dedupeKey\": \"j\"}", // a field twice
            "{\"dedupeKey\": \"k\", \"trace\": {\"model\": \"a\", \"model\": \"b\"}}",
            "{\"schemaVersion\": \"1\"}",
            "{\"schemaVersion\": null}",
            "{\"trace\": {\"team\": 7}}", // a number where text goes
            "{\"trace\": {\"attributes\": {\"weight\": 10}}}",
            "{\"trace\": {\"input_tokens\": 12.0}}"
    })
    void leavesOtherShapesToDatabind(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThrows(TraceEventReader.Unusual.class, () -> TraceEventReader.readUsual(bytes));
        assertEquals(EventJson.read(bytes, TraceRecordedV1.class), TraceEventReader.read(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "{\"dedupeKey\": \"k\"", "", "[1, 2]",
            "{\"eventId\": \"0b6f4a8e3c1d4f2a9a571d2e3f4a5b6c\"}", // without dashes
            "{\"eventId\": \"0b6f4a8e-3c1d-4f2a-9a57-1d2e3f4a5bXY\"}",
            "{\"trace\": {\"input_tokens\": 99999999999999999999}}" })
    void refusesWhatDatabindRefusesWithItsMessage(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        InvalidEventException expected = assertThrows(InvalidEventException.class,
                () -> EventJson.read(bytes, TraceRecordedV1.class));
        InvalidEventException actual = assertThrows(InvalidEventException.class, () -> TraceEventReader.read(bytes));
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    private static TraceRecordedV1 event(Random r) {
        Map<String, String> attributes = null;
        if (r.nextBoolean()) {
            attributes = new LinkedHashMap<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                attributes.put(text(r) + i, r.nextInt(5) == 0 ? null : text(r));
            }
        }
        Instant started = Instant.ofEpochSecond(1_767_225_600L + r.nextInt(40_000_000), r.nextInt(1_000) * 1_000_000L
                + (r.nextBoolean() ? 0 : r.nextInt(1_000_000)));
        CanonicalTrace trace = new CanonicalTrace(maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r),
                maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r),
                maybe(r), r.nextInt(10) == 0 ? null : started, number(r), number(r), number(r), number(r), number(r),
                number(r), number(r), maybe(r), maybe(r), maybe(r), attributes);
        return new TraceRecordedV1(r.nextInt(10) == 0 ? null : new UUID(r.nextLong(), r.nextLong()),
                r.nextInt(10) == 0 ? null : started.plusMillis(r.nextInt(5_000)), r.nextInt(3), maybe(r), maybe(r),
                r.nextInt(20) == 0 ? null : trace);
    }

    private static String maybe(Random r) {
        return r.nextInt(4) == 0 ? null : text(r);
    }

    private static String text(Random r) {
        return TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(1_000_000)));
    }

    private static Long number(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> r.nextLong();
            case 2 -> (long) r.nextInt();
            default -> (long) r.nextInt(100_000);
        };
    }
}
