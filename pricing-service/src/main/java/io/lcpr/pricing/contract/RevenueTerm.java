package io.lcpr.pricing.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the business earns: per accepted unit of a workload, or a fixed monthly amount per workload or account. */
@Entity
@Table(name = "revenue_term")
public class RevenueTerm extends PanacheEntityBase {
    public static final String PER_ACCEPTED_UNIT = "per_accepted_unit";
    public static final String FIXED_MONTHLY = "fixed_monthly";

    @Id
    public UUID id;
    public String workload;
    public String account;
    @Column(nullable = false, length = 32)
    public String kind;
    @Column(nullable = false, precision = 19, scale = 6)
    public BigDecimal amount;
    @Column(nullable = false, length = 3)
    public String currency;
    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;
    @Column(name = "effective_to")
    public Instant effectiveTo;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
