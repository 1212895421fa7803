package io.lcpr.pricing.alias;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An explicit alias: {@code alias} of {@code provider} ({@code *} for any) is priced as {@code model}. */
@Entity
@Table(name = "model_alias")
public class ModelAlias extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    @Column(nullable = false)
    public String model;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

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
