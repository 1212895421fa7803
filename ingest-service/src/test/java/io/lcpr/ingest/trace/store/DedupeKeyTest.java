package io.lcpr.ingest.trace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DedupeKeyTest {

    @Test
    void eventIdIsTheNameBasedUuidConsumersAlreadyDedupeBy() {
        for (String key : new String[] { "req:openai:chatcmpl-ticket-4-retry", "span:4bf92f35:00f067aa", "hash:ü€", "" }) {
            assertEquals(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)), DedupeKey.eventId(key), key);
        }
    }
}
