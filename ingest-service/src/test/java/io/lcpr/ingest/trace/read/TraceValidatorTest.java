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

    /** A non-token count rides as attribute lcpr.units.<unit>: a known unit and a non-negative number, or refused. */
    @Test
    void checksNonTokenCountsNamingTheAttribute() throws Exception {
        CanonicalTrace ok = withAttributes(java.util.Map.of("lcpr.units.web_search", "3", "other", "x"));
        assertEquals("3", validator.validate(0, ok).attributes().get("lcpr.units.web_search"));
        var unknown = assertThrows(InvalidRecordException.class,
                () -> validator.validate(2, withAttributes(java.util.Map.of("lcpr.units.webs", "1"))));
        assertEquals("attributes.lcpr.units.webs", unknown.error().field());
        assertEquals(true, unknown.error().reason().contains("web_search"), unknown.error().reason());
        assertEquals("attributes.lcpr.units.input_second", assertThrows(InvalidRecordException.class,
                () -> validator.validate(0, withAttributes(java.util.Map.of("lcpr.units.input_second", "-2"))))
                .error().field());
        assertEquals("attributes.lcpr.units.request", assertThrows(InvalidRecordException.class,
                () -> validator.validate(0, withAttributes(java.util.Map.of("lcpr.units.request", "two"))))
                .error().field());
    }

    private static CanonicalTrace withAttributes(java.util.Map<String, String> attributes) {
        CanonicalTrace t = trace(null, null, NOW, 100L, 0L, 10L);
        return new CanonicalTrace(t.requestId(), null, null, t.workUnitId(), null, null, t.workload(), t.team(), null,
                t.provider(), t.model(), null, null, null, null, null, null, t.startedAt(), t.inputTokens(), 0L, null,
                t.outputTokens(), null, null, null, null, null, null, attributes);
    }
}
