package io.lcpr.ingest.trace.read;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.lcpr.events.AttemptKind;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.ServiceTier;
import io.lcpr.ingest.batch.ColumnLimits;
import io.lcpr.ingest.batch.RecordError;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;
import io.lcpr.price.BillableUnits;

/**
 * Checks one canonical trace and fills the defaults (first attempt, standard tier). Workload and team may be
 * missing: such a trace is kept and counted in the unknown bucket, never refused (DESIGN.md section 3).
 */
public final class TraceValidator {
    private final Clock clock;
    private final Duration maxFutureSkew;

    public TraceValidator(Clock clock, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    /** The validator the configuration asks for, on the system clock. */
    public static TraceValidator from(io.lcpr.ingest.IngestConfig config) {
        return new TraceValidator(Clock.systemUTC(), Duration.ofMillis(config.maxFutureSkewMs()));
    }

    public CanonicalTrace validate(int index, CanonicalTrace t) throws InvalidRecordException {
        require(index, "provider", t.provider());
        require(index, "model", t.model());
        if (t.startedAt() == null) {
            throw error(index, "started_at", "is required (RFC 3339 UTC timestamp)");
        }
        Instant latest = clock.instant().plus(maxFutureSkew);
        if (t.startedAt().isAfter(latest)) {
            throw error(index, "started_at", t.startedAt() + " is more than " + maxFutureSkew + " in the future");
        }
        long input = nonNegative(index, "input_tokens", t.inputTokens(), true);
        long cacheRead = nonNegative(index, "cache_read_tokens", t.cacheReadTokens(), false);
        long cacheCreation = nonNegative(index, "cache_creation_tokens", t.cacheCreationTokens(), false);
        nonNegative(index, "output_tokens", t.outputTokens(), true);
        nonNegative(index, "reasoning_tokens", t.reasoningTokens(), false);
        nonNegative(index, "ttft_ms", t.ttftMs(), false);
        nonNegative(index, "e2e_ms", t.e2eMs(), false);
        if (cacheRead + cacheCreation > input) {
            throw error(index, "cache_read_tokens", "cache read (" + cacheRead + ") plus cache creation ("
                    + cacheCreation + ") tokens exceed input_tokens (" + input + "); input includes cached tokens");
        }
        texts(index, t);
        String attemptKind = t.attemptKind() == null ? AttemptKind.FIRST_ATTEMPT.wire() : t.attemptKind();
        if (AttemptKind.fromWire(attemptKind).isEmpty()) {
            throw error(index, "attempt_kind", "unknown value '" + attemptKind
                    + "' (first_attempt, retry, repair, eval_grader, fallback)");
        }
        String tier = t.serviceTier() == null ? ServiceTier.STANDARD.wire() : t.serviceTier();
        if (ServiceTier.fromWire(tier).isEmpty()) {
            throw error(index, "service_tier", "unknown value '" + tier + "' (standard, batch, priority, flex)");
        }
        if (t.ttftMs() != null && t.e2eMs() != null && t.ttftMs() > t.e2eMs()) {
            throw error(index, "ttft_ms", "time to first token (" + t.ttftMs() + ") exceeds e2e_ms (" + t.e2eMs() + ")");
        }
        return new CanonicalTrace(t.requestId(), t.traceId(), t.spanId(), t.workUnitId(), t.parentRequestId(),
                attemptKind, blankToNull(t.workload()), blankToNull(t.team()), t.account(),
                t.provider().toLowerCase(Locale.ROOT), t.model(), tier, t.region(), t.apiKeyId(), t.projectId(),
                t.promptVersion(), t.modelVersion(), t.startedAt(), input, cacheRead, cacheCreation,
                t.outputTokens(), t.reasoningTokens(), t.ttftMs(), t.e2eMs(), t.status(), t.errorType(),
                t.finishReason(), t.attributes());
    }

    /** Non-token counts ({@code lcpr.units.<unit>}): a known unit, a non-negative number, so reconcile can price it. */
    private static void units(int index, java.util.Map<String, String> attributes) throws InvalidRecordException {
        if (attributes == null) {
            return;
        }
        for (var e : attributes.entrySet()) {
            if (e.getKey().startsWith(BillableUnits.TRACE_ATTRIBUTE_PREFIX)) {
                try {
                    BillableUnits.ofTrace(java.util.Map.of(e.getKey(), e.getValue() == null ? "" : e.getValue()));
                } catch (IllegalArgumentException bad) {
                    throw error(index, "attributes." + e.getKey(), bad.getMessage());
                }
            }
        }
    }

    /**
     * Every text field within its column's length and free of U+0000, which PostgreSQL text cannot hold: a record
     * over a limit is refused on its own, naming the field, instead of failing the chunk it is stored with.
     */
    private static void texts(int index, CanonicalTrace t) throws InvalidRecordException {
        text(index, "request_id", t.requestId(), 255);
        text(index, "trace_id", t.traceId(), 64);
        text(index, "span_id", t.spanId(), 32);
        text(index, "work_unit_id", t.workUnitId(), 255);
        text(index, "parent_request_id", t.parentRequestId(), 255);
        text(index, "attempt_kind", t.attemptKind(), 32);
        text(index, "workload", t.workload(), 255);
        text(index, "team", t.team(), 255);
        text(index, "account", t.account(), 255);
        text(index, "provider", t.provider(), 64);
        text(index, "model", t.model(), 255);
        text(index, "service_tier", t.serviceTier(), 32);
        text(index, "region", t.region(), 64);
        text(index, "api_key_id", t.apiKeyId(), 255);
        text(index, "project_id", t.projectId(), 255);
        text(index, "prompt_version", t.promptVersion(), 255);
        text(index, "model_version", t.modelVersion(), 255);
        text(index, "status", t.status(), 64);
        text(index, "error_type", t.errorType(), 255);
        text(index, "finish_reason", t.finishReason(), 64);
        if (t.attributes() != null) {
            for (var e : t.attributes().entrySet()) {
                if (e.getKey().indexOf('\0') >= 0 || e.getValue() != null && e.getValue().indexOf('\0') >= 0) {
                    throw error(index, "attributes." + e.getKey().replace("\0", ""), "contains a NUL character (U+0000)");
                }
            }
        }
        units(index, t.attributes());
    }

    private static void text(int index, String field, String value, int maxLength) throws InvalidRecordException {
        ColumnLimits.text(index, field, value, maxLength);
    }

    private static void require(int index, String field, String value) throws InvalidRecordException {
        if (value == null || value.isBlank()) {
            throw error(index, field, "is required");
        }
    }

    private static long nonNegative(int index, String field, Long value, boolean required)
            throws InvalidRecordException {
        if (value == null) {
            if (required) {
                throw error(index, field, "is required (a token count, 0 if none)");
            }
            return 0;
        }
        if (value < 0) {
            throw error(index, field, "must not be negative, got " + value);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static InvalidRecordException error(int index, String field, String reason) {
        return new InvalidRecordException(new RecordError(index, field, reason));
    }
}
