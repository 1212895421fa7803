package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An outcome about a call or a work unit, keyed by {@code requestId} or {@code workUnitId}, arriving before or after
 * the traces it is about. Kinds: {@code eval} (quality verdict), {@code slo} (latency verdict), {@code escalation}
 * (a human took over; {@code humanCost} per case and/or {@code reviewMinutes}), {@code acceptance} (final word).
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Outcome(
        String outcomeId,
        String kind,
        String requestId,
        String workUnitId,
        String workload,
        Boolean passed,
        BigDecimal score,
        String graderRequestId,
        BigDecimal humanCost,
        BigDecimal reviewMinutes,
        String reason,
        Instant observedAt) {

    public static final String EVAL = "eval";
    public static final String SLO = "slo";
    public static final String ESCALATION = "escalation";
    public static final String ACCEPTANCE = "acceptance";
}
