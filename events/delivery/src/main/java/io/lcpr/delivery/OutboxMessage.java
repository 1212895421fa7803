package io.lcpr.delivery;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting to be published: written in the business transaction that produced it. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String topic;
    @Column(name = "message_key", length = 1024)
    public String messageKey;
    @Column(nullable = false, columnDefinition = "text")
    public String payload;
    @Column(columnDefinition = "text")
    public String headers;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
}
