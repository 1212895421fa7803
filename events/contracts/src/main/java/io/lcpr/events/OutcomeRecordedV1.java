package io.lcpr.events;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code llm.outcomes.v1}: one stored outcome. Key: the work unit id, else the request id. */
@RegisterForReflection
public record OutcomeRecordedV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, Outcome outcome)
        implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
}
