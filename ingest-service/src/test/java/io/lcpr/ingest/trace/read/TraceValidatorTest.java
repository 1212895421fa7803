package io.lcpr.ingest.trace.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;
import io.lcpr.ingest.trace.store.DedupeKey;

class TraceValidatorTest {
    static final Instant NOW = Instant.parse("2026-04-15T12:00:00Z");
    final TraceValidator validator = new TraceValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    static CanonicalTrace trace(String attemptKind, String tier, Instant startedAt, Long input, Long cacheRead,
            Long output) {
        return new CanonicalTrace("req-1", null, null, "ticket-1", null, attemptKind, "support", "team-a", null,
                "OpenAI", "gpt-4.1-mini", tier, null, null, null, null, null, startedAt, input, cacheRead, null,
                output, null, 300L, 2000L, null, null, null, null);
    }

    @Test
    void fillsDefaultsAndNormalizesProvider() throws Exception {
        CanonicalTrace t = validator.validate(0, trace(null, null, NOW, 100L, 20L, 10L));
        assertEquals("first_attempt", t.attemptKind());
        assertEquals("standard", t.serviceTier());
        assertEquals("openai", t.provider());
        assertEquals(0L, t.cacheCreationTokens());
    }

    @Test
    void refusesCacheReadsAboveInput() {
        var e = assertThrows(InvalidRecordException.class,
                () -> validator.validate(3, trace(null, null, NOW, 100L, 101L, 10L)));
        assertEquals(3, e.error().index());
        assertEquals("cache_read_tokens", e.error().field());
    }

    @Test
    void refusesNegativeTokensUnknownEnumsAndFutureTimestamps() {
        assertEquals("output_tokens", assertThrows(InvalidRecordException.class,
                () -> validator.validate(0, trace(null, null, NOW, 100L, 0L, -1L))).error().field());
        assertEquals("attempt_kind", assertThrows(InvalidRecordException.class,
                () -> validator.validate(0, trace("second_try", null, NOW, 100L, 0L, 1L))).error().field());
        assertEquals("service_tier", assertThrows(InvalidRecordException.class,
                () -> validator.validate(0, trace(null, "gold", NOW, 100L, 0L, 1L))).error().field());
        assertEquals("started_at", assertThrows(InvalidRecordException.class,
                () -> validator.validate(0, trace(null, null, NOW.plus(Duration.ofHours(1)), 100L, 0L, 1L)))
                .error().field());
    }

    @Test
    void dedupeKeyPrefersRequestIdThenSpanThenContent() {
        CanonicalTrace withRequest = trace(null, null, NOW, 1L, 0L, 1L);
        assertEquals("req:OpenAI:req-1", DedupeKey.of(withRequest));
        CanonicalTrace anonymous = new CanonicalTrace(null, null, null, null, null, null, null, null, null, "openai",
                "m", null, null, null, null, null, null, NOW, 1L, 0L, 0L, 1L, null, null, null, null, null, null, null);
        assertEquals(DedupeKey.of(anonymous), DedupeKey.of(anonymous));
        assertEquals(true, DedupeKey.of(anonymous).startsWith("hash:"));
    }
}
