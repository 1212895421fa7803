package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code lcpr.computed.v1}: loaded cost per accepted result of one workload in one period (DESIGN.md section 4),
 * with its numerator parts, its denominator breakdown and the trace-derived cost per team for chargeback. The
 * per-team figures ({@code traceCostByTeam}, {@code callsByTeam}, {@code tokensByTeam}) are the teams' own calls: a
 * grader's cost follows the outputs it graded, so it is not in them, except in a workload of graders only (an eval
 * run). Added in schema 1 (absent from earlier producers): revenue and the loaded and naive margins (%), the
 * trace-derived cost by attempt kind and the wasted part (retries, repairs, fallbacks) in total and per accepted
 * unit; the registry's class and unit name; the second view's share of eval-run cost allocated to this workload
 * and the LCPR with it; for an agentic workload its fanout (calls per task, processed input tokens per initial
 * prompt token) and the quartiles (25th, 50th, 75th) of cost per accepted task; per team its (weighted) calls and
 * tokens, input and output, and its accepted units (by the team of each unit's final attempt): what chargeback
 * allocates by when the policy's basis is requests, tokens or accepted outputs.
 * Key: the workload.
 */
@RegisterForReflection
public record LcprComputedV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, UUID runId,
        String period, String workload, String currency,
        BigDecimal inferenceCost, BigDecimal evalCost, BigDecimal humanCost, BigDecimal opsCost, BigDecimal delta,
        BigDecimal loadedCost, BigDecimal lcpr, BigDecimal naiveCostPerUnit,
        long attemptedUnits, long acceptedUnits, long firstAttemptPass, long recovered, long escalated,
        long unrecovered, Map<String, Long> callsByAttemptKind, Map<String, BigDecimal> traceCostByTeam,
        BigDecimal revenue, BigDecimal loadedMarginPct, BigDecimal naiveMarginPct,
        Map<String, BigDecimal> costByAttemptKind, BigDecimal wastedCost, BigDecimal wastedCostPerAccepted,
        String workloadClass, String unitName, BigDecimal evalRunAllocated, BigDecimal lcprWithEvalRuns,
        BigDecimal callsPerTask, BigDecimal tokenFanout, List<BigDecimal> costPerAcceptedTaskQuartiles,
        Map<String, Long> callsByTeam, Map<String, Long> tokensByTeam, Map<String, Long> acceptedByTeam)
        implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
}
