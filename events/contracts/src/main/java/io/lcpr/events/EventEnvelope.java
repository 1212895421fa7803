package io.lcpr.events;

import java.time.Instant;
import java.util.UUID;

/** What every event carries (DESIGN.md section 2): an id, when it happened, who produced it, its schema version. */
public interface EventEnvelope {
    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    String producer();
}
