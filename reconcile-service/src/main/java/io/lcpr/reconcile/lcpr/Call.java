package io.lcpr.reconcile.lcpr;

import java.time.Instant;

import io.lcpr.price.Rates;

/** One inference call as reconciliation sees it: who made it, why, when, and its raw token counts. */
public record Call(String requestId, String workUnitId, String attemptKind, String workload, String team,
        String provider, String projectId, String model, String serviceTier, Instant startedAt, long inputTokens,
        long cacheReadTokens, long cacheCreationTokens, long outputTokens, long reasoningTokens, Long ttftMs, Long e2eMs) {

    public static final String UNKNOWN = "unknown";

    public Rates.Usage usage() {
        return new Rates.Usage(inputTokens, cacheReadTokens, cacheCreationTokens, outputTokens, reasoningTokens);
    }

    public boolean isGrader() {
        return isGrader(attemptKind);
    }

    /** Whether calls of this attempt kind grade others (eval cost, no denominator). */
    public static boolean isGrader(String attemptKind) {
        return "eval_grader".equals(attemptKind);
    }

    /** The work unit a call serves; a call without one is a work unit of its own. */
    public static String unitKey(String workUnitId, String requestId) {
        return workUnitId != null ? workUnitId : "request:" + requestId;
    }

    /** The account calls are billed to: {@code provider/project}, {@code *} when no project is known. */
    public static String account(String provider, String projectId) {
        return provider + "/" + (projectId == null ? "*" : projectId);
    }

    /** The work unit this call serves; a call without one is a work unit of its own. */
    public String unitKey() {
        return unitKey(workUnitId, requestId);
    }

    /** The provider account the call is billed to: {@code provider/project}, {@code *} when no project is known. */
    public String account() {
        return account(provider, projectId);
    }

    public String workloadOrUnknown() {
        return workload != null ? workload : UNKNOWN;
    }

    public String teamOrUnknown() {
        return team != null ? team : UNKNOWN;
    }
}
