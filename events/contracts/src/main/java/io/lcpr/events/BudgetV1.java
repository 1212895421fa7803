package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code budgets.v1} (compacted, key: the budget's name): a budget as defined (money per team, workload or project,
 * daily or monthly in UTC, in USD, with its warning share in percent) and where its current period stands: published
 * when it is defined and when a budget pass finds its spend moved. {@code status} is absent until a pass has priced
 * it. Warnings and throttle signals are on {@code alerts.v1}; this is the state a reader (GraphQL) shows.
 */
@RegisterForReflection
public record BudgetV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, String budget,
        String scopeKind, String scope, String period, BigDecimal amount, String currency, BigDecimal warnPct,
        Status status) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;

    /**
     * The period at {@code at} (the latest call stored: event time): spend to date, spend expected by now (the amount
     * prorated), what is left, the projected end-of-period spend at the pace so far, the pace (spend over expected)
     * and {@code state}: {@code ok}, {@code warning} or {@code exceeded}.
     */
    @RegisterForReflection
    public record Status(Instant periodStart, Instant periodEnd, Instant at, BigDecimal spent, BigDecimal expected,
            BigDecimal remaining, BigDecimal projected, BigDecimal pace, String state) {
    }
}
