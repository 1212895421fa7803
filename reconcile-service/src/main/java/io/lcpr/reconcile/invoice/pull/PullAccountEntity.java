package io.lcpr.reconcile.invoice.pull;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A provider account pulled on a schedule; its secret lives where credentialRef says (env:NAME or config:key). */
@Entity
@Table(name = "provider_pull_account")
public class PullAccountEntity extends PanacheEntityBase {
    @Id
    public String name;
    @Column(nullable = false)
    public String provider;
    @Column(nullable = false)
    public String api;
    @Column(name = "base_url", nullable = false)
    public String baseUrl;
    @Column(name = "billing_account", nullable = false)
    public String billingAccount;
    @Column(name = "credential_ref", nullable = false)
    public String credentialRef;
    @Column(name = "last_pull_at")
    public Instant lastPullAt;
    @Column(name = "last_status")
    public String lastStatus;
    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;
}
