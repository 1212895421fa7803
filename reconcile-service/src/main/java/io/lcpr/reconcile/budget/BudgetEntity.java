package io.lcpr.reconcile.budget;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A budget: an amount of money per day or month for one team, workload or project. */
@Entity
@Table(name = "budget")
public class BudgetEntity extends PanacheEntityBase {
    @Id
    public String name;
    /** team, workload or project. */
    @Column(name = "scope_kind", nullable = false)
    public String scopeKind;
    @Column(nullable = false)
    public String scope;
    /** daily or monthly (UTC). */
    @Column(name = "period_kind", nullable = false)
    public String periodKind;
    @Column(nullable = false, precision = 19, scale = 6)
    public BigDecimal amount;
    @Column(name = "warn_pct", nullable = false, precision = 5, scale = 2)
    public BigDecimal warnPct;
    /** The spend and period last published on budgets.v1 (null: only the definition was). */
    @Column(name = "published_spent", precision = 19, scale = 6)
    public BigDecimal publishedSpent;
    @Column(name = "published_period_start")
    public Instant publishedPeriodStart;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
