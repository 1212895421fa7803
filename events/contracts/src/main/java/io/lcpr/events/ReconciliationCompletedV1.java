package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code reconciliation.completed.v1}: one reconciliation run of a period, every provider account in it, and the
 * workloads whose {@link LcprComputedV1} events belong to the same run (so a consumer knows when it has them all),
 * and the unknown bucket on its own line: the loaded cost no workload claims and its share of the total (004's
 * $1,280 = 2.7%; added in schema 1, absent from earlier producers), and the margins per owner team and per customer
 * account (added in schema 1; absent from earlier producers).
 */
@RegisterForReflection
public record ReconciliationCompletedV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer,
        UUID runId, String period, Instant periodStart, Instant periodEnd, String currency,
        List<AccountReconciliation> accounts, List<String> workloads, BigDecimal totalLoadedCost,
        BigDecimal unknownLoadedCost, BigDecimal unknownSharePct, List<Margin> margins,
        List<Attribution> attribution) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;

    /**
     * What chargeback's transfers and capacity read (added in schema 1; absent from earlier producers): per
     * {@code kind} ({@code prefix}: a shared prompt prefix, trace attribute {@code lcpr.prefix_id}; {@code adapter}: a
     * fine-tuned adapter, {@code lcpr.adapter_id}; {@code endpoint}: a dedicated endpoint, {@code lcpr.endpoint_id}),
     * reference, team and model as priced, the month's calls and tokens (weighted); {@code cacheReadDiscount}, what
     * the team's cache reads saved against uncached input at the contract rates (USD); for an endpoint its
     * {@code peakHour} (most tokens in and out), the team's tokens then ({@code peakTokens}) and the endpoint's
     * ({@code refPeakTokens}).
     */
    @RegisterForReflection
    public record Attribution(String kind, String ref, String team, String provider, String model,
            String serviceTier, long calls, long inputTokens, long cacheReadTokens, long cacheCreationTokens,
            long outputTokens, BigDecimal cacheReadDiscount, Instant peakHour, Long peakTokens, Long refPeakTokens) {
    }

    /**
     * Revenue against loaded cost (and against the trace-derived inference cost alone: the naive margin) for a
     * {@code team} (the workloads it owns) or a customer {@code account} (its share of each workload's loaded cost,
     * by the trace-derived cost of its calls). Percentages are null without revenue. Added later in schema 1 (absent
     * before): the accepted units (the team's workloads', or the account's own) and the LCPR, loaded cost per
     * accepted unit (null when none was accepted).
     */
    @RegisterForReflection
    public record Margin(String scope, String name, BigDecimal revenue, BigDecimal loadedCost,
            BigDecimal inferenceCost, BigDecimal loadedMarginPct, BigDecimal naiveMarginPct, Long acceptedUnits,
            BigDecimal lcpr) {
    }

    /**
     * Trace-derived total against the invoice for one provider account; status is trusted, investigate or no_invoice.
     * deltaPct is against the invoice (000's 4.4%), deltaPctOfTrace against the trace-derived cost (001's 8.6%);
     * the buckets and the unexplained remainder add up to the delta exactly; weekly shows its trend. The trace-derived
     * cost is at the account's contract rates, traceDerivedListCost the same calls at list prices; recoverable is the
     * vendor overcharge claimed back (kept out of loaded cost). Fields after unpricedCalls were added in schema 1
     * and are absent from producers before them.
     */
    @RegisterForReflection
    public record AccountReconciliation(String provider, String billingAccount, BigDecimal traceDerivedCost,
            BigDecimal invoiceTotal, BigDecimal delta, BigDecimal deltaPct, String status, long unpricedCalls,
            BigDecimal deltaPctOfTrace, List<DeltaBucket> buckets, BigDecimal unexplained, List<WeekDelta> weekly,
            BigDecimal traceDerivedListCost, BigDecimal recoverable) {
    }

    /** One exception bucket of DESIGN.md section 4: its share of the delta and the rows that show it. */
    @RegisterForReflection
    public record DeltaBucket(String bucket, BigDecimal amount, List<BucketEvidence> evidence) {
    }

    /** A model, tier or day behind a bucket's amount: invoiced and traced beside each other. */
    @RegisterForReflection
    public record BucketEvidence(String model, String serviceTier, String day, BigDecimal invoiced, BigDecimal traced,
            BigDecimal amount, String note) {
    }

    /** A week (from its Monday, UTC) of the account: invoiced, traced, delta. */
    @RegisterForReflection
    public record WeekDelta(String weekOf, BigDecimal invoiced, BigDecimal traced, BigDecimal delta) {
    }
}
