package io.lcpr.pricing.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The rates of one price key (provider, model, tier) from {@code effectiveFrom} until the next version. */
@Entity
@Table(name = "pricing_snapshot")
public class PricingSnapshot extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false, length = 64)
    public String provider;
    @Column(nullable = false)
    public String model;
    @Column(name = "service_tier", nullable = false, length = 32)
    public String serviceTier;
    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;
    @Column(nullable = false, length = 3)
    public String currency;
    @Column(name = "input_per_million", nullable = false, precision = 19, scale = 9)
    public BigDecimal inputPerMillion;
    @Column(name = "cache_read_per_million", nullable = false, precision = 19, scale = 9)
    public BigDecimal cacheReadPerMillion;
    @Column(name = "cache_write_per_million", nullable = false, precision = 19, scale = 9)
    public BigDecimal cacheWritePerMillion;
    @Column(name = "output_per_million", nullable = false, precision = 19, scale = 9)
    public BigDecimal outputPerMillion;
    public String source;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
