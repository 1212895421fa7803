package io.lcpr.chargeback.close;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;

import io.lcpr.chargeback.allocation.ModeService;
import io.lcpr.delivery.Outbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Closes months: checks the close controls, freezes the month's allocation under the policy in force, and publishes
 * one CloudEvent per team on chargeback.allocations.monthly.v1 through the outbox, in one transaction. A month is
 * closed once: closing it again publishes nothing; a later change is a correction (a new version, new event ids,
 * each naming the event it corrects, for the teams whose figures moved only), never an edit. Re-publishing a version
 * sends the events it stored, with their ids.
 */
@ApplicationScoped
public class PeriodCloseService {
    private static final Logger LOG = Logger.getLogger(PeriodCloseService.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ModeService modes;
    private final CloseChecks freshness;
    private final Outbox outbox;
    private final EntityManager em;
    private final io.lcpr.chargeback.transfer.AssetService assets;

    public PeriodCloseService(ModeService modes, CloseChecks freshness, Outbox outbox, EntityManager em,
            io.lcpr.chargeback.transfer.AssetService assets) {
        this.assets = assets;
        this.modes = modes;
        this.freshness = freshness;
        this.outbox = outbox;
        this.em = em;
    }

    /**
     * Closes a month. The questions to ingest and reconcile are asked outside any transaction (a slow answer holds
     * no lock); the freeze then checks, under the month's lock, that the run they were asked about is still the
     * newest, so a run arriving meanwhile is never frozen unchecked.
     */
    public PeriodClose close(String period, CloseRequest r) {
        if (r == null || r.by() == null || r.by().isBlank()) {
            throw new IllegalArgumentException("by: who closes the month is required (it is recorded with it)");
        }
        Optional<PeriodClose> closed = QuarkusTransaction.requiringNew().call(() -> find(period));
        if (closed.isPresent()) {
            return closed.get();
        }
        ModeService.PeriodAllocation checked = QuarkusTransaction.requiringNew().call(() -> modes.compute(period));
        List<String> reasons = new ArrayList<>(invoiceReasons(period, checked));
        reasons.addAll(freshness.reasons(period, checked.run().runId));
        boolean forced = r.forceReason() != null && !r.forceReason().isBlank();
        if (!reasons.isEmpty() && !forced) {
            throw new CloseRefusedException(period, reasons);
        }
        return QuarkusTransaction.requiringNew().call(() -> freezeClose(period, r, checked.run().runId, reasons,
                forced));
    }

    private PeriodClose freezeClose(String period, CloseRequest r, java.util.UUID checkedRun, List<String> reasons,
            boolean forced) {
        lock(period);
        Optional<PeriodClose> closed = find(period);
        if (closed.isPresent()) { // closed by someone else meanwhile: nothing new
            return closed.get();
        }
        ModeService.PeriodAllocation allocation = modes.compute(period);
        if (!allocation.run().runId.equals(checkedRun)) {
            throw new CloseRefusedException(period, List.of("run " + allocation.run().runId + " of " + period
                    + " arrived while the close was being checked: close again"));
        }
        Instant now = Instant.now();
        List<TeamAllocationV1> statements = TeamStatements.of(allocation, team -> id(period, 1, team), 1, now);
        freeze(period, 1, allocation, r.by(), now, forced ? r.forceReason() : null, reasons, statements);
        LOG.infof("period %s closed by %s at version 1 (run %s, %s)%s: %d team statements published", period, r.by(),
                allocation.run().runId, allocation.choice().policy().mode().wire(),
                forced ? " forced over " + reasons : "", statements.size());
        return new PeriodClose(period, 1, allocation.run().runId, r.by(), now, forced ? r.forceReason() : null,
                reasons, true, statements);
    }

    /**
     * A correction of a closed month from its newest run and policy: a new version with new event ids for the teams
     * whose figures moved, each naming the event it corrects; nothing when nothing moved.
     */
    @Transactional
    public PeriodClose correct(String period, CloseRequest r) {
        if (r == null || r.by() == null || r.by().isBlank() || r.reason() == null || r.reason().isBlank()) {
            throw new IllegalArgumentException("by and reason: who corrects the closed month and why are required");
        }
        lock(period);
        PeriodClose closed = latest(period).orElseThrow(() -> new IllegalStateException(
                period + " is not closed: its allocation is still a preview, nothing to correct"));
        int version = closed.version() + 1;
        ModeService.PeriodAllocation allocation = modes.compute(period);
        Instant now = Instant.now();
        Map<String, TeamAllocationV1> before = new TreeMap<>();
        current(period).forEach(s -> before.put(s.team(), s));
        List<TeamAllocationV1> corrections = new ArrayList<>();
        for (TeamAllocationV1 s : TeamStatements.of(allocation, team -> id(period, version, team), version, now)) {
            TeamAllocationV1 previous = before.get(s.team());
            if (previous != null && TeamStatements.same(previous, s)) {
                continue;
            }
            corrections.add(new TeamAllocationV1(s.eventId(), s.occurredAt(), s.schemaVersion(), s.producer(),
                    s.runId(), s.period(), s.mode(), s.team(), s.currency(), s.amount(), s.share(), s.totalAllocated(),
                    s.byWorkload(), version, previous == null ? null : previous.eventId(), r.reason(), s.basis(),
                    s.modes(), s.variance(), s.components(), s.lcprByWorkload(), s.reserveContribution(),
                    s.incidentCredit(), s.net(), s.transfers(), s.transferNet(), s.trainingCharge(), s.capacity(),
                    s.incidentCredits()));
        }
        if (corrections.isEmpty()) {
            return new PeriodClose(period, closed.version(), closed.runId(), closed.by(), closed.at(),
                    closed.forcedReason(), closed.overridden(), false, current(period));
        }
        freeze(period, version, allocation, r.by(), now, null, List.of(), corrections);
        LOG.infof("period %s corrected by %s to version %d (%s): %d teams' statements replaced", period, r.by(),
                version, r.reason(), corrections.size());
        return new PeriodClose(period, version, allocation.run().runId, r.by(), now, null, List.of(), true,
                corrections);
    }

    /** Sends a closed month's current statements again, with the ids they were first published under. */
    @Transactional
    public PeriodClose republish(String period) {
        PeriodClose closed = latest(period).orElseThrow(() -> new IllegalStateException(period + " is not closed"));
        List<TeamAllocationV1> statements = current(period);
        // a row of its own in the outbox (its id is the event's the first time), the event and its ce_id unchanged
        statements.forEach(s -> outbox.addRaw(UUID.randomUUID(), Topics.ALLOCATIONS_MONTHLY, s.team(),
                EventJson.write(s), CloudEvents.binaryHeaders(s)));
        return new PeriodClose(period, closed.version(), closed.runId(), closed.by(), closed.at(),
                closed.forcedReason(), closed.overridden(), true, statements);
    }

    /** The month as closed, its current statement per team; empty while it is open. */
    @Transactional
    public Optional<PeriodClose> find(String period) {
        return latest(period).map(c -> new PeriodClose(c.period(), c.version(), c.runId(), c.by(), c.at(),
                c.forcedReason(), c.overridden(), false, current(period)));
    }

    /** Whether a month is closed (what policy changes and team disputes check). */
    public boolean isClosed(String period) {
        return latest(period).isPresent();
    }

    private static List<String> invoiceReasons(String period, ModeService.PeriodAllocation allocation) {
        List<String> reasons = new ArrayList<>();
        if (allocation.run().event != null) {
            ReconciliationCompletedV1 run = EventJson.read(allocation.run().event, ReconciliationCompletedV1.class);
            for (ReconciliationCompletedV1.AccountReconciliation a : run.accounts()) {
                if ("no_invoice".equals(a.status())) {
                    reasons.add("account " + a.provider() + "/" + a.billingAccount() + " has no invoice for " + period);
                }
            }
        }
        return reasons;
    }

    private void freeze(String period, int version, ModeService.PeriodAllocation allocation, String by, Instant at,
            String forcedReason, List<String> overridden, List<TeamAllocationV1> statements) {
        em.createNativeQuery("""
                insert into period_close (period, version, run_id, comparison, closed_by, closed_at, forced_reason,
                    overridden, reserve_opening, reserve_closing) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """).setParameter(1, period).setParameter(2, version).setParameter(3, allocation.run().runId)
                .setParameter(4, EventJson.write(allocation.view())).setParameter(5, by).setParameter(6, at)
                .setParameter(7, forcedReason).setParameter(8, EventJson.write(overridden))
                .setParameter(9, allocation.credits().opening()).setParameter(10, allocation.credits().closing())
                .executeUpdate();
        assets.recordAmortized(period, version, allocation.transfers().amortized());
        for (TeamAllocationV1 s : statements) {
            em.createNativeQuery("""
                    insert into closed_allocation (period, version, team, event_id, event, lines)
                    values (?1, ?2, ?3, ?4, ?5, ?6)
                    """).setParameter(1, period).setParameter(2, version).setParameter(3, s.team())
                    .setParameter(4, s.eventId()).setParameter(5, EventJson.write(s))
                    .setParameter(6, EventJson.write(TeamStatements.lines(allocation, s.team(), s.amount())))
                    .executeUpdate();
            publish(s);
        }
    }

    private void publish(TeamAllocationV1 s) {
        outbox.add(Topics.ALLOCATIONS_MONTHLY, s.team(), s, CloudEvents.binaryHeaders(s));
    }

    /** A closed month's current statements with their lines, for the FOCUS export; empty while it is open. */
    @Transactional
    public Optional<FocusExport.Month> exportable(String period) {
        Optional<PeriodClose> closed = latest(period);
        if (closed.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select distinct on (team) event, lines from closed_allocation where period = ?1
                order by team, version desc
                """).setParameter(1, period).getResultList();
        List<FocusExport.Statement> statements = new ArrayList<>();
        for (Object[] r : rows) {
            try {
                statements.add(new FocusExport.Statement(EventJson.read((String) r[0], TeamAllocationV1.class),
                        EventJson.MAPPER.readValue((String) r[1], LINES)));
            } catch (Exception e) {
                throw new IllegalStateException("closed_allocation of " + period + " is not readable", e);
            }
        }
        return Optional.of(new FocusExport.Month(period, closed.get().version(), statements));
    }

    private static final TypeReference<List<StatementLine>> LINES = new TypeReference<>() {
    };

    /**
     * A month's team statements with their lines: as closed (its current version), else as previewed from its newest
     * complete run (version 0); empty when no run of the month has reached chargeback-service.
     */
    @Transactional
    public Optional<FocusExport.Month> statements(String period) {
        Optional<FocusExport.Month> closed = exportable(period);
        if (closed.isPresent()) {
            return closed;
        }
        ModeService.PeriodAllocation allocation;
        try {
            allocation = modes.compute(period);
        } catch (jakarta.ws.rs.NotFoundException e) {
            return Optional.empty();
        }
        List<FocusExport.Statement> out = new ArrayList<>();
        for (TeamAllocationV1 s : TeamStatements.of(allocation, team -> id(period, 0, team), 0, Instant.now())) {
            out.add(new FocusExport.Statement(s, TeamStatements.lines(allocation, s.team(), s.amount())));
        }
        return Optional.of(new FocusExport.Month(period, 0, out));
    }

    /** Each team's newest statement of the month (a correction replaces only the teams it names). */
    private List<TeamAllocationV1> current(String period) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("""
                select distinct on (team) event from closed_allocation where period = ?1 order by team, version desc
                """).setParameter(1, period).getResultList();
        return rows.stream().map(e -> EventJson.read(e, TeamAllocationV1.class)).toList();
    }

    private Optional<PeriodClose> latest(String period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select version, run_id, closed_by, closed_at, forced_reason, overridden from period_close
                where period = ?1 order by version desc limit 1
                """).setParameter(1, period).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        List<String> overridden;
        try {
            overridden = r[5] == null ? List.of() : EventJson.MAPPER.readValue((String) r[5], STRINGS);
        } catch (Exception e) {
            throw new IllegalStateException("period_close.overridden of " + period + " is not a JSON list", e);
        }
        return Optional.of(new PeriodClose(period, ((Number) r[0]).intValue(), (UUID) r[1], (String) r[2],
                r[3] instanceof Instant i ? i : ((java.time.OffsetDateTime) r[3]).toInstant(), (String) r[4],
                overridden, false, List.of()));
    }

    /** A statement's id: the same for a month, version and team however often it is published. */
    static UUID id(String period, int version, String team) {
        return UUID.nameUUIDFromBytes(("chargeback.allocations.monthly.v1|" + period + "|" + version + "|" + team)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Serializes closes and corrections of one month (replicas included). */
    private void lock(String period) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "close:" + period)
                .getSingleResult();
    }
}
