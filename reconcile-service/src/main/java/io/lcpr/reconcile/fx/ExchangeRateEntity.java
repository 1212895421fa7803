package io.lcpr.reconcile.fx;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** US dollars per unit of a currency from a UTC day on. */
@Entity
@Table(name = "exchange_rate")
public class ExchangeRateEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(name = "usd_per_unit", nullable = false)
    public BigDecimal usdPerUnit;

    /** Currency and the day the rate starts. */
    @Embeddable
    public static class Key implements Serializable {
        public String currency;
        @Column(name = "effective_from")
        public LocalDate effectiveFrom;

        public Key() {
        }

        public Key(String currency, LocalDate effectiveFrom) {
            this.currency = currency;
            this.effectiveFrom = effectiveFrom;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(currency, k.currency)
                    && Objects.equals(effectiveFrom, k.effectiveFrom);
        }

        @Override
        public int hashCode() {
            return Objects.hash(currency, effectiveFrom);
        }
    }
}
