package io.lcpr.ingest.outcome;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "outcome")
public class OutcomeEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "dedupe_key", nullable = false, unique = true, length = 512)
    public String dedupeKey;
    @Column(name = "outcome_id")
    public String outcomeId;
    @Column(nullable = false, length = 32)
    public String kind;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "work_unit_id")
    public String workUnitId;
    public String workload;
    public Boolean passed;
    @Column(precision = 12, scale = 6)
    public BigDecimal score;
    @Column(name = "grader_request_id")
    public String graderRequestId;
    @Column(name = "human_cost", precision = 19, scale = 6)
    public BigDecimal humanCost;
    @Column(name = "review_minutes", precision = 12, scale = 3)
    public BigDecimal reviewMinutes;
    @Column(columnDefinition = "text")
    public String reason;
    @Column(name = "observed_at")
    public Instant observedAt;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
