package io.lcpr.events;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code baselines.v1} (compacted, key: the baseline's name): a baseline as captured by reconcile-service (001 ch 23),
 * each time one is captured or captured again under its name. {@code reason} is {@code on_demand} for a capture asked
 * through the API and {@code before_change} for one taken automatically when a change was declared ({@code change}
 * then names it: what changes, on which workload, when).
 */
@RegisterForReflection
public record BaselineCapturedV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, String name,
        String reason, String change, Instant capturedAt, WorkloadSnapshot snapshot) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
    public static final String ON_DEMAND = "on_demand";
    public static final String BEFORE_CHANGE = "before_change";
}
