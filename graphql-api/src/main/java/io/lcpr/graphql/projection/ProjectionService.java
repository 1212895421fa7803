package io.lcpr.graphql.projection;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.lcpr.delivery.Inbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
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

    @Transactional
    public void project(LcprComputedV1 e) {
        store(Topics.LCPR_COMPUTED, e.eventId(), e.period(), e.workload(), null, e.runId(), e.occurredAt(), e);
    }

    @Transactional
    public void project(TeamAllocationV1 e) {
        store(Topics.ALLOCATIONS_MONTHLY, e.eventId(), e.period(), e.team(), e.mode(), e.runId(), e.occurredAt(), e);
    }

    @Transactional
    public void project(ReconciliationCompletedV1 e) {
        store(Topics.RECONCILIATION_COMPLETED, e.eventId(), e.period(), e.period(), null, e.runId(), e.occurredAt(), e);
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

    /** Every workload LCPR of the given runs, in one query. */
    public List<LcprComputedV1> lcprOfRuns(Collection<UUID> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return ProjectedEvent.<ProjectedEvent> list("topic = ?1 and runId in ?2", Topics.LCPR_COMPUTED, runIds)
                .stream().map(p -> EventJson.read(p.event, LcprComputedV1.class)).toList();
    }

    private void store(String topic, UUID eventId, String period, String subject, String mode, UUID runId,
            java.time.Instant occurredAt, Object event) {
        if (!inbox.firstDelivery("graphql." + topic, eventId)) {
            return;
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
        p.persist();
    }
}
