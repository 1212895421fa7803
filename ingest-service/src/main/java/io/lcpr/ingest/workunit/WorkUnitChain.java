package io.lcpr.ingest.workunit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A work unit's calls in the order they started, with what each was (first attempt, retry, repair, grader,
 * fallback) and what it answered to, the outcomes about the unit or its calls, and the final attempt's verdicts.
 */
public record WorkUnitChain(String workUnitId, String workload, List<Call> calls, List<OutcomeView> outcomes,
        Final finalOutcome) {

    /** A call as sent: where it went (what prices it: provider, model, tier, region at its start) and its usage. */
    public record Call(int position, String requestId, String attemptKind, String parentRequestId, String model,
            Instant startedAt, long inputTokens, long cacheReadTokens, long outputTokens, Long ttftMs, Long e2eMs,
            String status, String finishReason, String provider, String serviceTier, String region, String team,
            long cacheCreationTokens, long reasoningTokens) {
    }

    public record OutcomeView(String kind, String requestId, Boolean passed, BigDecimal humanCost, String reason,
            Instant observedAt) {
    }

    /**
     * The final attempt (the last call that is not a grader) and what was said about it; {@code accepted} is
     * only set by an explicit acceptance verdict: SLO rules live with the workload in reconcile-service.
     */
    public record Final(String finalRequestId, Boolean evalPassed, Boolean sloPassed, boolean escalated,
            Boolean accepted) {
    }
}
