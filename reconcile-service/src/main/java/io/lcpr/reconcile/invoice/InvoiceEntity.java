package io.lcpr.reconcile.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What a provider billed one account for one period. The billing account matches traces' project_id, so an eval
 * grader account with its own invoice reconciles on its own; {@code *} takes every trace of the provider.
 */
@Entity
@Table(name = "invoice")
public class InvoiceEntity extends PanacheEntityBase {
    public static final String ALL_ACCOUNTS = "*";

    @Id
    public UUID id;
    @Column(nullable = false, length = 64)
    public String provider;
    @Column(name = "billing_account", nullable = false)
    public String billingAccount;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(nullable = false, precision = 19, scale = 6)
    public BigDecimal total;
    @Column(nullable = false, length = 3)
    public String currency;
    public String source;
    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;
}
