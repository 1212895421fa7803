package io.lcpr.events;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code llm.traces.v1}: one stored, validated trace. Key: the trace's dedupe key. */
@RegisterForReflection
public record TraceRecordedV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, String dedupeKey,
        CanonicalTrace trace) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
}
