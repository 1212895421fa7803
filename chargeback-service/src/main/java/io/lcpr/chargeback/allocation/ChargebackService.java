package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;

import io.lcpr.delivery.Inbox;
import io.lcpr.delivery.Outbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Collects a run's workload costs and, once all have arrived, allocates them to teams and announces one
 * chargeback.allocations.monthly.v1 CloudEvent per team, in the same transaction.
 */
@ApplicationScoped
public class ChargebackService {
    static final String PRODUCER = "chargeback-service";
    private static final Logger LOG = Logger.getLogger(ChargebackService.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Inbox inbox;
    private final Outbox outbox;
    private final EntityManager em;

    public ChargebackService(Inbox inbox, Outbox outbox, EntityManager em) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.em = em;
    }

    @Transactional
    public void record(LcprComputedV1 event) {
        lockRun(event.runId());
        if (!inbox.firstDelivery("chargeback.lcpr", event.eventId())) {
            return;
        }
        WorkloadCostEntity cost = new WorkloadCostEntity();
        cost.runId = event.runId();
        cost.period = event.period();
        cost.workload = event.workload();
        cost.event = EventJson.write(event);
        cost.persist();
        allocateIfComplete(event.runId());
    }

    @Transactional
    public void record(ReconciliationCompletedV1 event) {
        lockRun(event.runId());
        if (!inbox.firstDelivery("chargeback.reconciliations", event.eventId())) {
            return;
        }
        RunEntity run = new RunEntity();
        run.runId = event.runId();
        run.period = event.period();
        run.expectedWorkloads = EventJson.write(event.workloads());
        run.persist();
        allocateIfComplete(event.runId());
    }

    public List<TeamAllocationEntity> latest(String period, String mode) {
        List<TeamAllocationEntity> newest = TeamAllocationEntity.list(
                "period = ?1 and mode = ?2 order by createdAt desc", period, mode);
        if (newest.isEmpty()) {
            return newest;
        }
        UUID run = newest.get(0).runId;
        return newest.stream().filter(a -> a.runId.equals(run)).sorted((a, b) -> a.team.compareTo(b.team)).toList();
    }

    /** Serializes the two channels' handlers per run, so the last arrival always sees the others committed. */
    private void lockRun(UUID runId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:run))").setParameter("run", runId.toString())
                .getSingleResult();
    }

    private void allocateIfComplete(UUID runId) {
        RunEntity run = RunEntity.findById(runId);
        if (run == null || run.allocatedAt != null) {
            return;
        }
        List<LcprComputedV1> costs = WorkloadCostEntity.<WorkloadCostEntity> list("runId", runId).stream()
                .map(c -> EventJson.read(c.event, LcprComputedV1.class)).toList();
        Set<String> expected = new HashSet<>(readList(run.expectedWorkloads));
        Set<String> arrived = new HashSet<>(costs.stream().map(LcprComputedV1::workload).toList());
        if (!arrived.containsAll(expected)) {
            return;
        }
        List<ProportionalAllocator.TeamCharge> charges = ProportionalAllocator.allocate(costs);
        BigDecimal total = charges.stream().map(ProportionalAllocator.TeamCharge::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Instant now = Instant.now();
        for (ProportionalAllocator.TeamCharge charge : charges) {
            TeamAllocationV1 event = new TeamAllocationV1(UUID.randomUUID(), now, TeamAllocationV1.SCHEMA_VERSION,
                    PRODUCER, runId, run.period, ProportionalAllocator.MODE, charge.team(), "USD", charge.amount(),
                    charge.share(), total, charge.byWorkload());
            TeamAllocationEntity e = new TeamAllocationEntity();
            e.eventId = event.eventId();
            e.runId = runId;
            e.period = run.period;
            e.mode = event.mode();
            e.team = event.team();
            e.amount = event.amount();
            e.share = event.share();
            e.byWorkload = EventJson.write(event.byWorkload());
            e.createdAt = now;
            e.persist();
            outbox.add(Topics.ALLOCATIONS_MONTHLY, event.team(), event, CloudEvents.binaryHeaders(event));
        }
        run.allocatedAt = now;
        LOG.infof("period %s: run %s allocated %s to %d teams", run.period, runId, total, charges.size());
    }

    private static List<String> readList(String json) {
        try {
            return EventJson.MAPPER.readValue(json, STRINGS);
        } catch (Exception e) {
            throw new IllegalStateException("stored workload list is not JSON: " + json, e);
        }
    }

}
