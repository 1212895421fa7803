package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code reconciliation.completed.v1}: one reconciliation run of a period, every provider account in it, and the
 * workloads whose {@link LcprComputedV1} events belong to the same run (so a consumer knows when it has them all).
 */
@RegisterForReflection
public record ReconciliationCompletedV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer,
        UUID runId, String period, Instant periodStart, Instant periodEnd, String currency,
        List<AccountReconciliation> accounts, List<String> workloads) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;

    /** Trace-derived total against the invoice for one provider account; status is trusted, investigate or no_invoice. */
    @RegisterForReflection
    public record AccountReconciliation(String provider, String billingAccount, BigDecimal traceDerivedCost,
            BigDecimal invoiceTotal, BigDecimal delta, BigDecimal deltaPct, String status, long unpricedCalls) {
    }
}
