package io.lcpr.ingest.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;

class TraceEventJsonTest {

    @Test
    void writesTheGoldenEventAsDatabindDoes() {
        TraceRecordedV1 golden = EventJson.read(Goldens.read(Topics.TRACES), TraceRecordedV1.class);
        assertEquals(EventJson.write(golden), TraceEventJson.write(golden));
        assertEquals(golden, EventJson.read(TraceEventJson.write(golden), TraceRecordedV1.class));
    }

    @Test
    void leavesOutNullFieldsAndNullAttributeValuesAndEscapesOddCharacters() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("quote\"and\\slash", "line\nbreak \u00e9 \u2028");
        attributes.put("empty", null);
        attributes.put("controls", "\u0000\u0001\b\f\t\r\u001f\u007f end");
        CanonicalTrace sparse = new CanonicalTrace(null, null, null, null, null, "first_attempt", null, "t\"e\\am", null,
                "openai", "gpt-4o", "standard", null, null, null, null, null, Instant.parse("2026-04-15T09:00:00.123456Z"),
                10L, 0L, 0L, 2L, null, null, null, null, null, null, attributes);
        TraceRecordedV1 event = new TraceRecordedV1(DedupeKey.eventId("k"), Instant.parse("2026-04-15T09:00:01Z"), 1,
                TraceService.PRODUCER, "k", sparse);
        assertEquals(EventJson.write(event), TraceEventJson.write(event));
    }
}
