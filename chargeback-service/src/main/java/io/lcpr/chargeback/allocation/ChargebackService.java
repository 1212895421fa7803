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
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Collects a run's workload costs and, once all have arrived, allocates them to teams as a preview (the proportional
 * figures of {@code GET /api/chargeback/allocations}; every mode at {@code /api/chargeback/periods/{p}/modes}).
 * Nothing is published here: chargeback.allocations.monthly.v1 carries closed months only (PeriodCloseService).
 */
@ApplicationScoped
public class ChargebackService {
    static final String PRODUCER = "chargeback-service";
    private static final Logger LOG = Logger.getLogger(ChargebackService.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Inbox inbox;
    private final EntityManager em;

    public ChargebackService(Inbox inbox, EntityManager em) {
        this.inbox = inbox;
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
        run.event = EventJson.write(event);
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
            TeamAllocationEntity e = new TeamAllocationEntity();
            e.eventId = UUID.randomUUID();
            e.runId = runId;
            e.period = run.period;
            e.mode = ProportionalAllocator.MODE;
            e.team = charge.team();
            e.amount = charge.amount();
            e.share = charge.share();
            e.byWorkload = EventJson.write(charge.byWorkload());
            e.createdAt = now;
            e.persist();
        }
        run.allocatedAt = now;
        LOG.infof("period %s: run %s complete, %s previewed over %d teams (published when the month is closed)",
                run.period, runId, total, charges.size());
    }

    private static List<String> readList(String json) {
        try {
            return EventJson.MAPPER.readValue(json, STRINGS);
        } catch (Exception e) {
            throw new IllegalStateException("stored workload list is not JSON: " + json, e);
        }
    }

}
