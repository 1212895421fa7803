package io.lcpr.ingest.trace.store;

import java.time.Instant;
import java.util.UUID;

import io.lcpr.events.CanonicalTrace;

/** A trace as stored, with what its event needs. */
public record StoredTrace(UUID eventId, String dedupeKey, Instant receivedAt, CanonicalTrace trace) {
    /** The trace keyed for storing: its dedupe key and the event id derived from it. */
    public static StoredTrace of(CanonicalTrace trace, Instant receivedAt) {
        String key = DedupeKey.of(trace);
        return new StoredTrace(DedupeKey.eventId(key), key, receivedAt, trace);
    }
}
