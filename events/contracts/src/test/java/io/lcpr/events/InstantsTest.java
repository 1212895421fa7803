package io.lcpr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class InstantsTest {

    @Test
    void theSuitesShapeReadsAsInstantParseReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = at.toString();
            assertEquals(at, Instants.parseUtc(text), text);
            // every fraction width
            String seconds = text.substring(0, 19);
            String fraction = String.format("%09d", at.getNano());
            for (int w = 1; w <= 9; w++) {
                String shaped = seconds + "." + fraction.substring(0, w) + "Z";
                assertEquals(Instant.parse(shaped), Instants.parseUtc(shaped), shaped);
            }
        }
    }

    @Test
    void otherShapesAreLeftToTheGeneralParser() {
        for (String other : List.of("2026-04-15T09:00:00+02:00", "2026-04-15T09:00:00.Z", "2026-04-15 09:00:00Z",
                "2026-13-15T09:00:00Z", "2026-02-30T09:00:00Z", "2026-04-15T24:00:00Z", "2026-04-15T09:00:60Z",
                "+12026-04-15T09:00:00Z", "2026-04-15T09:00:00.1234567890Z", "x026-04-15T09:00:00Z", "")) {
            assertNull(Instants.parseUtc(other), other);
        }
    }

    @Test
    void eventsReadInstantsOfEveryShape() {
        record At(Instant at) {
        }
        assertEquals(Instant.parse("2026-04-15T07:00:00Z"),
                EventJson.read("{\"at\":\"2026-04-15T09:00:00+02:00\"}", At.class).at());
        assertEquals(Instant.parse("2026-04-15T09:00:00.123Z"),
                EventJson.read("{\"at\":\"2026-04-15T09:00:00.123Z\"}", At.class).at());
    }

    @Test
    void epochMicrosAreTheInstantToTheMicrosecond() {
        assertEquals(1_776_243_600_123_456L, Instants.epochMicros(Instant.parse("2026-04-15T09:00:00.123456789Z")));
        assertEquals(-500_000L, Instants.epochMicros(Instant.ofEpochSecond(-1, 500_000_000)));
        assertEquals(0L, Instants.epochMicros(Instant.EPOCH));
    }
}
