package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code teams.v1} (compacted, key: the team): the chargeback registry's statement of one team, published by
 * chargeback-service each time a version is added, with every version it has: each effective from a month
 * ({@code YYYY-MM}) until the next, with the owner, seats, SLA tier and the tier's coefficient.
 */
@RegisterForReflection
public record TeamV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, String team,
        List<Version> versions) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;

    /** The team from {@code effectiveFrom} on. */
    @RegisterForReflection
    public record Version(String effectiveFrom, String owner, int seats, String slaTier, BigDecimal coefficient) {
    }
}
