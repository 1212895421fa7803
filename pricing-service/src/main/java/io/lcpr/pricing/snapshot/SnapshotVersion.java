package io.lcpr.pricing.snapshot;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One append-only change to the price history: who, when, from what source, and what it skipped. */
@Entity
@Table(name = "snapshot_version")
public class SnapshotVersion extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "version_order", nullable = false, unique = true)
    public long versionOrder;
    @Column(nullable = false)
    public String source;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;
    @Column(name = "entry_count", nullable = false)
    public int entryCount;
    @Column(columnDefinition = "text")
    public String skipped;
}
