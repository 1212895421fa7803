package io.lcpr.ingest.coverage;

/**
 * What the stored data says about one trace, for the six questions of the twenty-trace exercise (000):
 * whether a quality verdict exists, whether the call failed (a failing verdict or an error status; null when no
 * verdict says either way), and whether a failure was followed up (retry, repair, fallback or escalation).
 */
public record TraceFacts(String requestId, String workUnitId, String workload, long inputTokens, long outputTokens,
        boolean qualityVerdict, Boolean failed, boolean followedUp, Long ttftMs, Long e2eMs) {
}
