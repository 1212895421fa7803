package io.lcpr.reconcile.pricing;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Local copy of pricing.contracts.v1, the newest statement of each contract. */
@Entity
@Table(name = "provider_contract")
public class ContractCopyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "contract_id")
    public UUID contractId;
    @Column(nullable = false, length = 64)
    public String provider;
    @Column(nullable = false, columnDefinition = "text")
    public String event;
}
