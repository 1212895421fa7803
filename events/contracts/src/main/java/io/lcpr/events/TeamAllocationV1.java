package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code chargeback.allocations.monthly.v1}: what one team is charged for a closed month under the mode in force.
 * Sent as a binary-mode CloudEvent (type {@link #CLOUDEVENT_TYPE}, subject the team, id the {@code eventId}: the same
 * id each time a closed month is published again); key: the team. The unknown bucket is a team named
 * {@code unknown}, so the allocations of a close add up to {@code totalAllocated}. Added in schema 1 (absent from
 * producers before period close): {@code version} (1 at close, then one more per correction), {@code corrects} (the
 * event a correction replaces) and its {@code correctionReason}; {@code basis} of usage; {@code modes}, the team's
 * figure under every mode, and {@code variance}, the spread between them; {@code components}, the cost the team's
 * usage consumed by component (inference, eval, human, ops, delta: each workload's component by the team's share of
 * its trace-derived cost); {@code lcprByWorkload}, each workload it used with its LCPR, denominator and the team's
 * share; {@code reserveContribution} (the team's share of its charge that funds the incident reserve),
 * {@code incidentCredit} (what the reserve credits it for the month's incidents; {@code incidentCredits}: per
 * incident, what the team's part of its claim was and what was granted, which adds up to {@code incidentCredit})
 * and {@code net} (amount plus
 * contribution less credit, plus transfers and training charges: what the team pays); {@code transfers} (money
 * moved between this team and another: a shared prefix's cache discount, an adapter's amortized training cost;
 * {@code applied} false: shown, not charged), {@code transferNet} (the applied ones, paid positive),
 * {@code trainingCharge} (an adapter's training cost charged to its owner this month) and {@code capacity} (its
 * share of each dedicated endpoint's busiest hour, the month's cost by that share, the endpoint's unused fraction).
 */
@RegisterForReflection
public record TeamAllocationV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer, UUID runId,
        String period, String mode, String team, String currency, BigDecimal amount, BigDecimal share,
        BigDecimal totalAllocated, Map<String, BigDecimal> byWorkload, Integer version, UUID corrects,
        String correctionReason, String basis, Map<String, BigDecimal> modes, BigDecimal variance,
        Map<String, BigDecimal> components, List<WorkloadLcpr> lcprByWorkload, BigDecimal reserveContribution,
        BigDecimal incidentCredit, BigDecimal net, List<Transfer> transfers, BigDecimal transferNet,
        BigDecimal trainingCharge, List<CapacityShare> capacity, List<IncidentCredit> incidentCredits)
        implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
    public static final String CLOUDEVENT_TYPE = "io.lcpr.chargeback.allocation.monthly.v1";
    /** Where the event's schema is described (the golden file of the topic, shipped with the contracts). */
    public static final String DATASCHEMA = "urn:lcpr:contracts:chargeback.allocations.monthly.v1";
    public static final String UNKNOWN_TEAM = "unknown";

    /**
     * One incident of the month (by start) credited to the team from the reserve: the team's part of what the
     * incident asked (its extra inference and human cost, by the team's share of the workloads' trace-derived cost)
     * and what was granted (less when the reserve could not pay everything asked).
     */
    @RegisterForReflection
    public record IncidentCredit(UUID incidentId, String name, BigDecimal asked, BigDecimal granted) {
    }

    /** Money moved from one team to another for a shared asset. */
    @RegisterForReflection
    public record Transfer(String kind, String ref, String from, String to, BigDecimal amount, boolean applied,
            String basis) {
    }

    /** The team's share of a dedicated endpoint's busiest hour, its cost by that share, the endpoint's unused part. */
    @RegisterForReflection
    public record CapacityShare(String endpoint, BigDecimal peakShare, BigDecimal pinnedCost,
            BigDecimal unusedFraction) {
    }

    /** A workload the team used: its LCPR and denominator (accepted units) for the month, the team's usage share. */
    @RegisterForReflection
    public record WorkloadLcpr(String workload, BigDecimal lcpr, long acceptedUnits, BigDecimal teamShare) {
    }
}
