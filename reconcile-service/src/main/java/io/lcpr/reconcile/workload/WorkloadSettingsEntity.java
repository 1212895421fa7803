package io.lcpr.reconcile.workload;

import io.lcpr.reconcile.lcpr.AcceptancePolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A workload in the registry: its class, unit, owner, SLOs and acceptance rule. */
@Entity
@Table(name = "workload_settings")
public class WorkloadSettingsEntity extends PanacheEntityBase {
    @Id
    public String name;
    @Column(name = "ttft_slo_ms")
    public Long ttftSloMs;
    @Column(name = "e2e_slo_ms")
    public Long e2eSloMs;
    @Column(name = "slo_tolerance_ms", nullable = false)
    public long sloToleranceMs;
    @Column(name = "eval_required", nullable = false)
    public boolean evalRequired;
    @Column(name = "human_signoff_accepted", nullable = false)
    public boolean humanSignoffAccepted;
    /** 004's taxonomy (see WorkloadRegisteredV1); null until registered. */
    @Column(name = "workload_class")
    public String workloadClass;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "owner_team")
    public String ownerTeam;
    /** An eval run's served workloads, comma-separated. */
    public String serves;

    public java.util.List<String> servedWorkloads() {
        return serves == null || serves.isBlank() ? java.util.List.of() : java.util.List.of(serves.split(","));
    }

    public boolean isEvalRun() {
        return WorkloadClasses.EVAL_RUN.equals(workloadClass);
    }

    public AcceptancePolicy policy() {
        return new AcceptancePolicy(ttftSloMs, e2eSloMs, sloToleranceMs, evalRequired, humanSignoffAccepted);
    }
}
