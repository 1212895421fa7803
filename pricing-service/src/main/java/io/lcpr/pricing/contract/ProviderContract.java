package io.lcpr.pricing.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Negotiated terms with a provider for one billing account: per-model/tier discounts, the batch discount,
 * committed spend over a window, credits with validity windows, the billing time zone and the day periods start.
 * Discounts and credits are JSON lists (ContractTerms), read whole with the contract.
 */
@Entity
@Table(name = "provider_contract")
public class ProviderContract extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false, length = 64)
    public String provider;
    @Column(name = "billing_account", nullable = false)
    public String billingAccount;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false, length = 3)
    public String currency;
    @Column(name = "billing_time_zone", nullable = false, length = 64)
    public String billingTimeZone;
    @Column(name = "period_start_day", nullable = false)
    public int periodStartDay;
    /** invoice or trace: what the account's delta % is judged against. */
    @Column(name = "delta_basis", nullable = false, length = 16)
    public String deltaBasis;
    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;
    @Column(name = "effective_to")
    public Instant effectiveTo;
    @Column(name = "batch_discount_factor", precision = 8, scale = 6)
    public BigDecimal batchDiscountFactor;
    @Column(name = "committed_spend", precision = 19, scale = 6)
    public BigDecimal committedSpend;
    @Column(name = "commitment_from")
    public Instant commitmentFrom;
    @Column(name = "commitment_to")
    public Instant commitmentTo;
    @Column(nullable = false, columnDefinition = "text")
    public String discounts;
    @Column(nullable = false, columnDefinition = "text")
    public String credits;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean activeAt(Instant at) {
        return !effectiveFrom.isAfter(at) && (effectiveTo == null || effectiveTo.isAfter(at));
    }
}
