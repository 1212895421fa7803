package io.lcpr.graphql.projection;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.lcpr.delivery.Inbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.AlertV1;
import io.lcpr.events.BaselineCapturedV1;
import io.lcpr.events.BudgetV1;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ModelAliasV1;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.SnapshotEntries;
import io.lcpr.events.TeamV1;
import io.lcpr.events.WorkloadRegisteredV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Keeps the read models: every event once; queries answer from the newest run (allocations: each team's newest). */
@ApplicationScoped
public class ProjectionService {
    private final Inbox inbox;

    public ProjectionService(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Each project method returns whether the event was new (a replay projects nothing). */
    @Transactional
    public boolean project(LcprComputedV1 e) {
        return store(Topics.LCPR_COMPUTED, e.eventId(), e.period(), e.workload(), null, e.runId(), e.occurredAt(), e,
                null);
    }

    @Transactional
    public boolean project(TeamAllocationV1 e) {
        return store(Topics.ALLOCATIONS_MONTHLY, e.eventId(), e.period(), e.team(), e.mode(), e.runId(),
                e.occurredAt(), e, e.team());
    }

    @Transactional
    public boolean project(ReconciliationCompletedV1 e) {
        return store(Topics.RECONCILIATION_COMPLETED, e.eventId(), e.period(), e.period(), null, e.runId(),
                e.occurredAt(), e, null);
    }

    @Transactional
    public boolean project(TeamV1 e) {
        return store(Topics.TEAMS, e.eventId(), "", e.team(), null, null, e.occurredAt(), e, e.team());
    }

    @Transactional
    public boolean project(WorkloadRegisteredV1 e) {
        return store(Topics.WORKLOADS, e.eventId(), "", e.workload(), null, null, e.occurredAt(), e, e.ownerTeam());
    }

    @Transactional
    public boolean project(IncidentV1 e) {
        return store(Topics.INCIDENTS, e.eventId(), month(e.startedAt()), e.incidentId().toString(), null, null,
                e.occurredAt(), e, "," + String.join(",", e.workloads()) + ",");
    }

    @Transactional
    public boolean project(AlertV1 e) {
        return store(Topics.ALERTS, e.eventId(), month(e.at()), e.alertId().toString(), null, null, e.occurredAt(),
                e, e.scope());
    }

    @Transactional
    public boolean project(BudgetV1 e) {
        return store(Topics.BUDGETS, e.eventId(), e.status() == null ? "" : month(e.status().periodStart()),
                e.budget(), null, null, e.occurredAt(), e, e.scope());
    }

    @Transactional
    public boolean project(PricingSnapshotV1 e) {
        return store(Topics.PRICING_SNAPSHOTS, e.eventId(), "", e.key(), null, null, e.occurredAt(), e, e.provider());
    }

    @Transactional
    public boolean project(ModelAliasV1 e) {
        return store(Topics.PRICING_ALIASES, e.eventId(), "", e.provider() + "|" + e.alias(), null, null,
                e.occurredAt(), e, e.provider());
    }

    /**
     * A provider's price history as pricing-service published it: each key's newest statement (a correction replaces
     * what it restates) and the provider's aliases; two queries.
     */
    public PriceHistory priceHistory(String provider) {
        PriceHistory history = new PriceHistory();
        newestBySubject(Topics.PRICING_SNAPSHOTS, provider, false, PricingSnapshotV1.class)
                .forEach(e -> history.add(SnapshotEntries.entry(e)));
        newestBySubject(Topics.PRICING_ALIASES, provider, false, ModelAliasV1.class)
                .forEach(a -> history.alias(a.provider(), a.alias(), a.model()));
        return history;
    }

    @Transactional
    public boolean project(BaselineCapturedV1 e) {
        return store(Topics.BASELINES, e.eventId(), "", e.name(), null, null, e.occurredAt(), e,
                e.snapshot().workload());
    }

    /**
     * The newest event of each subject of a topic (a team's or workload's registration, an incident's last update, a
     * budget's state), optionally only those whose scope is {@code scope} (or, for incidents, contains it), in subject
     * order: one query whatever the number of subjects.
     */
    public <T> List<T> newestBySubject(String topic, String scope, boolean scopeContains, Class<T> type) {
        String where = scope == null ? "" : scopeContains ? " and scope like ?2" : " and scope = ?2";
        var q = ProjectedEvent.getEntityManager().createNativeQuery("select event from (select distinct on (subject)"
                + " subject, event, scope from projected_event where topic = ?1 order by subject, occurred_at desc,"
                + " id desc) newest where true" + where + " order by subject");
        q.setParameter(1, topic);
        if (scope != null) {
            q.setParameter(2, scopeContains ? "%," + scope + ",%" : scope);
        }
        @SuppressWarnings("unchecked")
        List<String> rows = q.getResultList();
        return rows.stream().map(r -> EventJson.read(r, type)).toList();
    }

    /** Each registered workload's owner team, in one query: what a team member's visibility is decided by. */
    public java.util.Map<String, String> workloadOwners() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = ProjectedEvent.getEntityManager().createNativeQuery("select distinct on (subject)"
                + " subject, scope from projected_event where topic = ?1 order by subject, occurred_at desc, id desc")
                .setParameter(1, Topics.WORKLOADS).getResultList();
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        rows.forEach(r -> owners.put((String) r[0], (String) r[1]));
        return owners;
    }

    private static String month(java.time.Instant at) {
        return at == null ? "" : at.toString().substring(0, 7);
    }

    public Optional<LcprComputedV1> lcpr(String period, String workload) {
        return ProjectedEvent.<ProjectedEvent> find("topic = ?1 and period = ?2 and subject = ?3"
                + " order by occurredAt desc, id desc", Topics.LCPR_COMPUTED, period, workload).firstResultOptional()
                .map(p -> EventJson.read(p.event, LcprComputedV1.class));
    }

    public Optional<ReconciliationCompletedV1> reconciliation(String period) {
        return ProjectedEvent.<ProjectedEvent> find("topic = ?1 and period = ?2 order by occurredAt desc, id desc",
                Topics.RECONCILIATION_COMPLETED, period).firstResultOptional()
                .map(p -> EventJson.read(p.event, ReconciliationCompletedV1.class));
    }

    /**
     * Each team's newest statement of a closed period under a mode: a correction replaces only the teams it names,
     * so a team's statement is its latest, whatever run the others come from.
     */
    public List<TeamAllocationV1> allocations(String period, String mode) {
        java.util.Map<String, TeamAllocationV1> newest = new java.util.TreeMap<>();
        ProjectedEvent.<ProjectedEvent> list("topic = ?1 and period = ?2 and mode = ?3 order by subject,"
                + " occurredAt desc, id desc", Topics.ALLOCATIONS_MONTHLY, period, mode)
                .forEach(p -> newest.putIfAbsent(p.subject, EventJson.read(p.event, TeamAllocationV1.class)));
        return List.copyOf(newest.values());
    }

    /**
     * The highest statement version published for each period (1: closed, above: corrected), in one query: what a
     * period's state is read from.
     */
    public java.util.Map<String, Integer> statementVersions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = ProjectedEvent.getEntityManager().createNativeQuery("select period,"
                + " max(coalesce((event::jsonb ->> 'version')::int, 1)) from projected_event where topic = ?1"
                + " group by period").setParameter(1, Topics.ALLOCATIONS_MONTHLY).getResultList();
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).intValue()));
        return out;
    }

    /** Each team's newest statement of a period, whatever its mode (a correction or a mode change replaces it). */
    public List<TeamAllocationV1> newestStatements(String period) {
        return newestOfPeriod(Topics.ALLOCATIONS_MONTHLY, period, TeamAllocationV1.class);
    }

    /** What the incident reserve granted per incident, and which of the months asked about are closed. */
    public record Credits(java.util.Map<UUID, java.math.BigDecimal> granted, java.util.Set<String> closedMonths) {
    }

    /**
     * The credits stated in the newest statements of the given months (incidents are credited in the month they
     * started; a month with statements is closed): one query per month, none per incident.
     */
    public Credits creditsGranted(Collection<String> months) {
        java.util.Map<UUID, java.math.BigDecimal> granted = new java.util.HashMap<>();
        java.util.Set<String> closed = new java.util.TreeSet<>();
        for (String month : months) {
            for (TeamAllocationV1 s : newestStatements(month)) {
                closed.add(month);
                if (s.incidentCredits() != null) {
                    s.incidentCredits().forEach(c -> granted.merge(c.incidentId(), c.granted(),
                            java.math.BigDecimal::add));
                }
            }
        }
        return new Credits(granted, closed);
    }

    /** Each workload's newest LCPR of a period. */
    public List<LcprComputedV1> newestLcpr(String period) {
        return newestOfPeriod(Topics.LCPR_COMPUTED, period, LcprComputedV1.class);
    }

    private <T> List<T> newestOfPeriod(String topic, String period, Class<T> type) {
        java.util.Map<String, T> newest = new java.util.TreeMap<>();
        ProjectedEvent.<ProjectedEvent> list("topic = ?1 and period = ?2 order by subject, occurredAt desc, id desc",
                topic, period).forEach(p -> newest.computeIfAbsent(p.subject, s -> EventJson.read(p.event, type)));
        return List.copyOf(newest.values());
    }

    /** Every workload LCPR of the given runs, in one query. */
    public List<LcprComputedV1> lcprOfRuns(Collection<UUID> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return ProjectedEvent.<ProjectedEvent> list("topic = ?1 and runId in ?2", Topics.LCPR_COMPUTED, runIds)
                .stream().map(p -> EventJson.read(p.event, LcprComputedV1.class)).toList();
    }

    private boolean store(String topic, UUID eventId, String period, String subject, String mode, UUID runId,
            java.time.Instant occurredAt, Object event, String scope) {
        if (!inbox.firstDelivery("graphql." + topic, eventId)) {
            return false;
        }
        ProjectedEvent p = new ProjectedEvent();
        p.eventId = eventId;
        p.topic = topic;
        p.period = period;
        p.subject = subject;
        p.mode = mode;
        p.runId = runId;
        p.occurredAt = occurredAt;
        p.event = EventJson.write(event);
        p.scope = scope;
        p.persist();
        return true;
    }
}
