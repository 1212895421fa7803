package io.lcpr.reconcile.reconciliation;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One reconciliation run; its summary is the reconciliation.completed.v1 event it published. */
@Entity
@Table(name = "reconciliation_run")
public class ReconciliationRunEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(nullable = false, columnDefinition = "text")
    public String summary;
}
