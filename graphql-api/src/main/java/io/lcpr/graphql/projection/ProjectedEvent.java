package io.lcpr.graphql.projection;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event as projected for queries: indexed by topic, period and subject (workload or team), the newest run
 * winning. The event itself is kept whole, so a new query needs no new projection.
 */
@Entity
@Table(name = "projected_event")
public class ProjectedEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;
    @Column(nullable = false)
    public String topic;
    @Column(nullable = false, length = 10)
    public String period;
    @Column(nullable = false)
    public String subject;
    @Column(length = 32)
    public String mode;
    @Column(name = "run_id")
    public UUID runId;
    @Column(length = 2048)
    public String scope;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    @Column(nullable = false, columnDefinition = "text")
    public String event;
}
