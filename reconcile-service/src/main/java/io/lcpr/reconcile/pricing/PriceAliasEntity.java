package io.lcpr.reconcile.pricing;

import java.io.Serializable;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Local copy of pricing.aliases.v1. */
@Entity
@Table(name = "price_alias")
public class PriceAliasEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(nullable = false)
    public String model;

    /** Provider and alias. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(length = 64)
        public String provider;
        public String alias;

        public Key() {
        }

        public Key(String provider, String alias) {
            this.provider = provider;
            this.alias = alias;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(provider, k.provider) && Objects.equals(alias, k.alias);
        }

        @Override
        public int hashCode() {
            return Objects.hash(provider, alias);
        }
    }
}
