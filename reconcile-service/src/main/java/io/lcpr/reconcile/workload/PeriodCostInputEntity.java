package io.lcpr.reconcile.workload;

import java.io.Serializable;
import java.math.BigDecimal;

import io.lcpr.reconcile.lcpr.CostInputs;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The non-trace costs of a workload in a period: eval beyond graders, human cost per escalated case and review time
 * (a fixed amount plus stated review minutes at a rate), ops (a fixed amount plus, by rule, a share of a team's ops
 * cost).
 */
@Entity
@Table(name = "period_cost_input")
public class PeriodCostInputEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(name = "eval_other_cost", nullable = false, precision = 19, scale = 6)
    public BigDecimal evalOtherCost;
    @Column(name = "human_cost_per_case", nullable = false, precision = 19, scale = 6)
    public BigDecimal humanCostPerCase;
    @Column(name = "human_review_cost", nullable = false, precision = 19, scale = 6)
    public BigDecimal humanReviewCost;
    @Column(name = "ops_cost", nullable = false, precision = 19, scale = 6)
    public BigDecimal opsCost;
    /** Review time's rate: C_human adds the period's stated review minutes times this / 60. */
    @Column(name = "review_rate_per_hour", nullable = false, precision = 19, scale = 6)
    public BigDecimal reviewRatePerHour = BigDecimal.ZERO;
    /** The team whose ops cost this workload shares by its share of the team's calls (null: none). */
    @Column(name = "ops_share_of_team")
    public String opsShareOfTeam;

    public CostInputs inputs() {
        return new CostInputs(evalOtherCost, humanCostPerCase, humanReviewCost, opsCost);
    }

    /** Period and workload. */
    @Embeddable
    public static class Key implements Serializable {
        public String period;
        public String workload;

        public Key() {
        }

        public Key(String period, String workload) {
            this.period = period;
            this.workload = workload;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(period, k.period)
                    && java.util.Objects.equals(workload, k.workload);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(period, workload);
        }
    }
}
