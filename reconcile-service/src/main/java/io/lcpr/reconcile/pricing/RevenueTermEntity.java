package io.lcpr.reconcile.pricing;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Local copy of pricing.revenue-terms.v1, the newest statement of each term. */
@Entity
@Table(name = "revenue_term")
public class RevenueTermEntity extends PanacheEntityBase {
    @Id
    @Column(name = "term_id")
    public UUID termId;
    public String workload;
    public String account;
    @Column(nullable = false, columnDefinition = "text")
    public String event;
}
