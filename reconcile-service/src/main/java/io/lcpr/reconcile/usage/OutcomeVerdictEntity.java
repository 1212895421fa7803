package io.lcpr.reconcile.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.lcpr.reconcile.lcpr.Verdict;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An outcome as reconciliation needs it; it may arrive before or after the traces it is about. */
@Entity
@Table(name = "outcome_verdict")
public class OutcomeVerdictEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;
    @Column(nullable = false, length = 32)
    public String kind;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "work_unit_id")
    public String workUnitId;
    public Boolean passed;
    @Column(name = "human_cost", precision = 19, scale = 6)
    public BigDecimal humanCost;
    @Column(name = "observed_at")
    public Instant observedAt;

    public Verdict toVerdict() {
        return new Verdict(kind, requestId, workUnitId, passed, humanCost, observedAt);
    }
}
