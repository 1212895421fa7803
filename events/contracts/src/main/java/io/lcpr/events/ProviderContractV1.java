package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code pricing.contracts.v1} (compacted, key: the contract id): negotiated terms with a provider for one billing
 * account; the contract source of the four-source join. Discount and batch factors multiply list prices.
 * {@code deltaBasis} is what the account's delta % is judged against for the 5% verdict: {@code invoice} (000's
 * 4.4%; the default when absent) or {@code trace} (001's 8.6%).
 */
@RegisterForReflection
public record ProviderContractV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer,
        UUID contractId, String provider, String billingAccount, String name, String currency,
        String billingTimeZone, int periodStartDay, Instant effectiveFrom, Instant effectiveTo,
        BigDecimal batchDiscountFactor, BigDecimal committedSpend, Instant commitmentFrom, Instant commitmentTo,
        List<Discount> discounts, List<Credit> credits, String deltaBasis) implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
    public static final String BASIS_INVOICE = "invoice";
    public static final String BASIS_TRACE = "trace";

    /** A factor on the list price of a model ({@code *} for all) and tier. */
    @RegisterForReflection
    public record Discount(String model, String serviceTier, BigDecimal factor) {
    }

    /** An amount usable within its window. */
    @RegisterForReflection
    public record Credit(String name, BigDecimal amount, Instant validFrom, Instant validTo) {
    }
}
