package io.lcpr.ingest.trace.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.ingest.trace.store.DedupeKey;
import io.lcpr.ingest.IngestConfig;

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
                IngestConfig.PRODUCER, "k", sparse);
        assertEquals(EventJson.write(event), TraceEventJson.write(event));
    }

    @Test
    void writesInstantsAsInstantToStringDoes() {
        Random random = new Random(42);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.1Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("2024-02-29T12:00:00.000001Z"), Instant.parse("2026-04-15T09:00:00.120Z")));
        for (int i = 0; i < 2000; i++) {
            long second = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        for (Instant at : instants) {
            TraceRecordedV1 event = new TraceRecordedV1(DedupeKey.eventId("k"), at, 1, IngestConfig.PRODUCER, "k", null);
            assertEquals(EventJson.write(event), TraceEventJson.write(event), at.toString());
        }
    }
}
