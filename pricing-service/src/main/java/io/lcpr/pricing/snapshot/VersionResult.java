package io.lcpr.pricing.snapshot;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a new version: whether it was created (false: identical content was stored before), what it skipped. */
// returned through a bare Response: registered for the native image's JSON writer
@RegisterForReflection
public record VersionResult(UUID versionId, long versionOrder, String source, boolean created, int entries,
        List<Skip> skipped, Map<String, Integer> skippedByReason) {

    /** An entry left out, with why. */
    // returned through a bare Response: registered for the native image's JSON writer
    @RegisterForReflection
    public record Skip(String key, String reason) {
    }
}
