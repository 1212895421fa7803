package io.lcpr.reconcile.incident;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An incident as declared and updated. */
@Entity
@Table(name = "incident")
public class IncidentEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String category;
    /** Comma-separated workload names. */
    @Column(nullable = false)
    public String workloads;
    @Column(name = "alert_id")
    public UUID alertId;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "mitigated_at")
    public Instant mitigatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "baseline_hours", nullable = false)
    public int baselineHours;
    @Column(name = "engineering_hours", nullable = false, precision = 10, scale = 2)
    public BigDecimal engineeringHours;
    @Column(name = "engineering_rate", nullable = false, precision = 19, scale = 6)
    public BigDecimal engineeringRate;
    @Column(nullable = false)
    public String status;
    @Column(name = "preventive_actions", columnDefinition = "text")
    public String preventiveActions;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> workloadList() {
        return Arrays.asList(workloads.split(","));
    }
}
