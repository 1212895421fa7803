package io.lcpr.reconcile.workload;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A team's ops cost in a period, shared by the workloads whose ops rule names the team. */
@Entity
@Table(name = "team_ops_cost")
public class TeamOpsCostEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(nullable = false, precision = 19, scale = 6)
    public BigDecimal amount;

    /** Team and period. */
    @Embeddable
    public static class Key implements Serializable {
        public String team;
        public String period;

        public Key() {
        }

        public Key(String team, String period) {
            this.team = team;
            this.period = period;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(team, k.team) && Objects.equals(period, k.period);
        }

        @Override
        public int hashCode() {
            return Objects.hash(team, period);
        }
    }
}
