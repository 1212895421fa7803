package io.lcpr.reconcile.reconciliation;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A workload's LCPR from one run, kept as the lcpr.computed.v1 event it published. */
@Entity
@Table(name = "lcpr_result")
public class LcprResultEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "run_id", nullable = false)
    public UUID runId;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(nullable = false)
    public String workload;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(nullable = false, columnDefinition = "text")
    public String event;
}
