package io.lcpr.reconcile.pricing;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Local copy of pricing.snapshots.v1: costing never calls pricing-service on its hot path. */
@Entity
@Table(name = "price_version")
public class PriceVersionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
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

    public static PriceBook book() {
        PriceBook book = new PriceBook();
        PriceVersionEntity.<PriceVersionEntity> listAll().forEach(v -> book.add(v.provider, v.model, v.serviceTier,
                v.effectiveFrom, new Price(v.inputPerMillion, v.cacheReadPerMillion, v.cacheWritePerMillion,
                        v.outputPerMillion, v.currency)));
        return book;
    }
}
