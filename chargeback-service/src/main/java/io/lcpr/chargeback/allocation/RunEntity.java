package io.lcpr.chargeback.allocation;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A reconciliation run announced by reconcile-service, and when it was allocated. */
@Entity
@Table(name = "reconciliation_run")
public class RunEntity extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public UUID runId;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(name = "expected_workloads", nullable = false, columnDefinition = "text")
    public String expectedWorkloads;
    /** The run's reconciliation.completed.v1 as received (its accounts: which have no invoice). */
    @Column(columnDefinition = "text")
    public String event;
    @Column(name = "allocated_at")
    public Instant allocatedAt;
}
