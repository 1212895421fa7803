package io.lcpr.reconcile.review;

import java.math.BigDecimal;

import io.lcpr.events.LcprComputedV1;

/**
 * One workload's month as the review pack reads it: the run's loaded cost by component and its units (from
 * {@code lcpr.computed.v1}), and the token profile of its calls other than graders' with their list cost per token
 * class at the prices in force, and at the previous month's closing prices ({@code listAtPrior}).
 */
public record MonthFigures(String workload, String period, BigDecimal lcpr, BigDecimal inference, BigDecimal eval,
        BigDecimal human, BigDecimal ops, BigDecimal delta, long attempted, long accepted, long escalated,
        long firstAttempts, Tokens tokens) {

    /** Weighted calls and tokens; list cost by class (uncached input, cache reads, cache writes, output) in USD. */
    public record Tokens(long calls, long input, long cacheRead, long cacheCreation, long output, double uncachedCost,
            double cacheReadCost, double cacheWriteCost, double outputCost, double listAtPrior) {
        public static final Tokens NONE = new Tokens(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public double listCost() {
            return uncachedCost + cacheReadCost + cacheWriteCost + outputCost;
        }

        public double cacheHitRate() {
            return input == 0 ? 0 : (double) cacheRead / input;
        }

        public double outputPerCall() {
            return calls == 0 ? 0 : (double) output / calls;
        }

        public double inputPerCall() {
            return calls == 0 ? 0 : (double) input / calls;
        }

        /** List cost of one uncached input token; {@code otherwise} when none was sent. */
        public double inputRate(double otherwise) {
            long uncached = input - cacheRead - cacheCreation;
            return uncached > 0 ? uncachedCost / uncached : otherwise;
        }

        /** List cost of one cache-read token; {@code otherwise} when none was read. */
        public double cacheReadRate(double otherwise) {
            return cacheRead > 0 ? cacheReadCost / cacheRead : otherwise;
        }

        /** List cost of one output token; {@code otherwise} when none was produced. */
        public double outputRate(double otherwise) {
            return output > 0 ? outputCost / output : otherwise;
        }

        /** What one input token read from cache saves against sending it uncached, at list prices. */
        public double cacheDiscountPerToken() {
            double in = inputRate(0);
            return Math.max(0, in - cacheReadRate(in));
        }
    }

    public static MonthFigures of(LcprComputedV1 e, Tokens tokens) {
        return new MonthFigures(e.workload(), e.period(), e.lcpr(), e.inferenceCost(), e.evalCost(), e.humanCost(),
                e.opsCost(), e.delta(), e.attemptedUnits(), e.acceptedUnits(), e.escalated(),
                e.callsByAttemptKind() == null ? 0 : e.callsByAttemptKind().getOrDefault("first_attempt", 0L), tokens);
    }

    double passRate() {
        return attempted == 0 ? 0 : (double) accepted / attempted;
    }

    double escalationRate() {
        return attempted == 0 ? 0 : (double) escalated / attempted;
    }

    /** Calls per first attempt less one: the extra calls (retries, repairs, fallbacks) a first attempt brings. */
    double repairRate() {
        return firstAttempts == 0 ? 0 : (double) tokens.calls() / firstAttempts - 1;
    }

    /** First-attempt calls per attempted unit: an agent's steps (one for a single-call workload). */
    double stepsPerUnit() {
        return attempted == 0 ? 0 : (double) firstAttempts / attempted;
    }

    double perAccepted(BigDecimal amount) {
        return accepted == 0 || amount == null ? 0 : amount.doubleValue() / accepted;
    }
}
