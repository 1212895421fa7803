package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One reconciliation run: its status, the fingerprint of the inputs it reconciled, the run it supersedes, and once
 * completed its summary (the reconciliation.completed.v1 event it published).
 */
@Entity
@Table(name = "reconciliation_run")
public class ReconciliationRunEntity extends PanacheEntityBase {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(columnDefinition = "text")
    public String summary;
    @Column(nullable = false, length = 16)
    public String status;
    @Column(length = 32)
    public String inputs;
    public UUID supersedes;
    public String progress;
    @Column(columnDefinition = "text")
    public String error;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** Last sign of life from the instance executing the run (ReconciliationRuns.heartbeat). */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    @Column(name = "rollups_priced")
    public Long rollupsPriced;
    @Column(name = "calls_priced_one_by_one")
    public Long callsPricedOneByOne;
    /** Hours a price or a contract changes in, priced by segment between the changes. */
    @Column(name = "hours_split_at_changes")
    public Long hoursSplitAtChanges;
    @Column(name = "work_units")
    public Long workUnits;
    @Column(name = "estimated_from_samples", precision = 19, scale = 6)
    public BigDecimal estimatedFromSamples;
}
