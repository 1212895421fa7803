package io.lcpr.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The canonical trace record of DESIGN.md section 3, snake_case on the wire. Raw token counts only: cost is
 * computed on read from the pricing snapshot in force at {@code startedAt}. Enumerated fields stay strings here so
 * that an unknown value reaches validation (and a field-level error) instead of failing the whole batch's parse.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CanonicalTrace(
        String requestId,
        String traceId,
        String spanId,
        String workUnitId,
        String parentRequestId,
        String attemptKind,
        String workload,
        String team,
        String account,
        String provider,
        String model,
        String serviceTier,
        String region,
        String apiKeyId,
        String projectId,
        String promptVersion,
        String modelVersion,
        Instant startedAt,
        Long inputTokens,
        Long cacheReadTokens,
        Long cacheCreationTokens,
        Long outputTokens,
        Long reasoningTokens,
        Long ttftMs,
        Long e2eMs,
        String status,
        String errorType,
        String finishReason,
        Map<String, String> attributes) {

    public long cacheReadOrZero() {
        return cacheReadTokens == null ? 0 : cacheReadTokens;
    }

    public long cacheCreationOrZero() {
        return cacheCreationTokens == null ? 0 : cacheCreationTokens;
    }

    public long outputOrZero() {
        return outputTokens == null ? 0 : outputTokens;
    }

    /** Whether the call failed: a status other than ok, or an error type. */
    public boolean errored() {
        return status != null && !status.equalsIgnoreCase("ok") || errorType != null;
    }

    /** What kind of failure: the error type, else the status; null when the call did not fail. */
    public String errorKind() {
        return !errored() ? null : errorType != null ? errorType : status;
    }
}
