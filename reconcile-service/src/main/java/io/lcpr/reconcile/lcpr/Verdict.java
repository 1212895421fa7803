package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.time.Instant;

/** An outcome about a call ({@code requestId}) or a whole work unit: eval, slo, escalation or acceptance. */
public record Verdict(String kind, String requestId, String workUnitId, Boolean passed, BigDecimal humanCost,
        Instant observedAt) {
}
