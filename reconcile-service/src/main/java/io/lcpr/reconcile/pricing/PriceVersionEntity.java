package io.lcpr.reconcile.pricing;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Local copy of pricing.snapshots.v1, one row per entry: costing never calls pricing-service on its hot path, and
 * reads prices with the same rules (PriceHistory, built by PricingCopyService) pricing-service answers with.
 */
@Entity
@Table(name = "price_version")
public class PriceVersionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "snapshot_id", nullable = false, unique = true)
    public UUID snapshotId;
    @Column(name = "version_order", nullable = false)
    public long versionOrder;
    @Column(nullable = false, length = 64)
    public String provider;
    @Column(nullable = false)
    public String model;
    @Column(name = "service_tier", nullable = false, length = 32)
    public String serviceTier;
    @Column(nullable = false, length = 64)
    public String region;
    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;
    @Column(name = "effective_to")
    public Instant effectiveTo;
    @Column(nullable = false, columnDefinition = "text")
    public String event;
}
