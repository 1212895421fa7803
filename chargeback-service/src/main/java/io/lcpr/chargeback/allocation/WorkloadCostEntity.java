package io.lcpr.chargeback.allocation;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A workload's loaded cost in a run, kept as the lcpr.computed.v1 event. */
@Entity
@Table(name = "workload_cost")
public class WorkloadCostEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "run_id", nullable = false)
    public UUID runId;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(nullable = false)
    public String workload;
    @Column(nullable = false, columnDefinition = "text")
    public String event;
}
