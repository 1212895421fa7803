package io.lcpr.events;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code pricing.aliases.v1} (compacted, key {@code provider|alias}): {@code alias} is priced as {@code model}. */
@RegisterForReflection
public record ModelAliasV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, String provider,
        String alias, String model) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;

    public String key() {
        return provider + "|" + alias;
    }
}
