package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a team is charged for a period under a mode, from one run. */
@Entity
@Table(name = "team_allocation")
public class TeamAllocationEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;
    @Column(name = "run_id", nullable = false)
    public UUID runId;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(nullable = false, length = 32)
    public String mode;
    @Column(nullable = false)
    public String team;
    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal amount;
    @Column(nullable = false, precision = 12, scale = 6)
    public BigDecimal share;
    @Column(name = "by_workload", nullable = false, columnDefinition = "text")
    public String byWorkload;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
