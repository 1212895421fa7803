package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;

/** The GraphQL shapes of prices and of a work unit's calls priced at them. */
public final class Pricing {
    private Pricing() {
    }

    @Description("The price in force for a model at an instant: the entry, the name it was found under, per million"
            + " tokens (a batch tier without a price of its own: the standard price at the batch discount)")
    public record Price(String provider, String model, String resolvedModel, String resolvedBy, String serviceTier,
            String basis, Instant at, Instant effectiveFrom, Instant effectiveTo, long versionOrder, String currency,
            BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion, BigDecimal cacheWritePerMillion,
            BigDecimal outputPerMillion, BigDecimal reasoningPerMillion,
            @Description("Above this many input tokens the whole request is priced at the long-context rates")
            Long longContextThresholdTokens, BigDecimal longContextInputPerMillion,
            BigDecimal longContextOutputPerMillion) {
        static Price of(String provider, String model, String tier, Instant at, PriceHistory.Quote q) {
            Rates r = q.rates();
            Rates.LongContext lc = r.longContext();
            return new Price(provider, model, q.resolvedModel(), q.resolvedBy(), tier, q.basis(), at,
                    q.entry().effectiveFrom(), q.entry().effectiveTo(), q.entry().versionOrder(), q.entry().currency(),
                    r.inputPerMillion(), r.cacheReadPerMillion(), r.cacheWritePerMillion(), r.outputPerMillion(),
                    r.reasoningPerMillion(), lc == null ? null : lc.thresholdTokens(),
                    lc == null ? null : lc.inputPerMillion(), lc == null ? null : lc.outputPerMillion());
        }
    }

    @Description("One call of a work unit, priced at the list price in force at its start (null: no price found)")
    public record Call(int position, String requestId, String attemptKind, String parentRequestId, String provider,
            String model, String serviceTier, String team, Instant startedAt, long inputTokens, long cacheReadTokens,
            long cacheCreationTokens, long outputTokens, long reasoningTokens, Long ttftMs, Long e2eMs, String status,
            String finishReason, BigDecimal cost, String pricedBy) {
    }

    @Description("A verdict or cost recorded about a work unit or one of its calls")
    public record Outcome(String kind, String requestId, Boolean passed, BigDecimal humanCost, String reason,
            Instant observedAt) {
    }

    @Description("A work unit (a task, ticket or document) with its call chain in the order the calls started, each"
            + " call's cost, what was said about it, and whether its final attempt was accepted")
    public record WorkUnit(String id, String workload, List<Call> calls, List<Outcome> outcomes,
            @Description("The calls' list-price cost; the unit's share of invoice deltas, eval runs and ops is in lcpr")
            BigDecimal cost, int unpricedCalls, String finalRequestId, Boolean evalPassed, Boolean sloPassed,
            boolean escalated, Boolean accepted) {
    }
}
