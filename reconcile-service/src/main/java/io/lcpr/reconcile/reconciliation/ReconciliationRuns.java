package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.lcpr.delivery.DatabaseOutage;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.reconcile.DaemonThreads;
import io.lcpr.reconcile.ReconcileConfig;
import io.lcpr.reconcile.period.Period;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * The lifecycle of reconciliation runs. A run of a period whose inputs have not changed since a run completed (or
 * while one is running) is that run: nothing is published twice, so a retried job never sends teams a second set of
 * allocations. A run of changed inputs is a new run that names the one it supersedes. Runs execute one at a time on
 * their own thread; a failure, out of memory included, marks the run failed with its reason, and the service and its
 * consumers keep working. A run whose instance died (SIGKILL, a node lost) stops beating and is failed as abandoned
 * by the next instance that looks, so its inputs can be run again.
 */
@ApplicationScoped
public class ReconciliationRuns {
    private static final Logger LOG = Logger.getLogger(ReconciliationRuns.class);

    /** A run as the API shows it; the events once it has completed. */
    // returned through a bare Response: registered for the native image's JSON writer
    @RegisterForReflection
    public record RunView(UUID runId, String period, String status, String progress, String error, UUID supersedes,
            Instant createdAt, Instant finishedAt, Work work, ReconciliationCompletedV1 reconciliation,
            List<LcprComputedV1> lcpr, boolean existing) {
    }

    /** What a completed run read and how much of its cost is an estimate from sampled calls. */
    // returned through a bare Response: registered for the native image's JSON writer
    @RegisterForReflection
    public record Work(Long rollupsPriced, Long callsPricedOneByOne, Long hoursSplitAtChanges, Long workUnits,
            BigDecimal estimatedFromSamples) {
    }

    private final ReconciliationService service;
    private final EntityManager em;
    private final ReconcileConfig config;
    private final MeterRegistry registry;
    /** The runs this instance executes or has queued: the ones its heartbeat keeps alive. */
    private final Set<UUID> mine = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(DaemonThreads.named("reconciliation-run"));

    public ReconciliationRuns(ReconciliationService service, EntityManager em, ReconcileConfig config,
            MeterRegistry registry) {
        this.service = service;
        this.em = em;
        this.config = config;
        this.registry = registry;
    }

    /** Starts a run of the period (or finds the one of the same inputs) and waits up to answer-within.ms for it. */
    public RunView start(Period period) {
        failAbandoned();
        String inputs = QuarkusTransaction.requiringNew().call(() -> fingerprint(period));
        Optional<RunView> same = QuarkusTransaction.requiringNew().call(() -> ReconciliationRunEntity
                .<ReconciliationRunEntity> find("period = ?1 and inputs = ?2 and status in (?3, ?4)"
                        + " order by createdAt desc", period.label(), inputs, ReconciliationRunEntity.COMPLETED,
                        ReconciliationRunEntity.RUNNING)
                .firstResultOptional().map(r -> view(r, true)));
        if (same.isPresent()) {
            LOG.infof("period %s: inputs unchanged since run %s (%s); nothing new to publish", period.label(),
                    same.get().runId(), same.get().status());
            return same.get();
        }
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ReconciliationRunEntity run = new ReconciliationRunEntity();
            run.id = id;
            run.period = period.label();
            run.createdAt = Instant.now();
            run.status = ReconciliationRunEntity.RUNNING;
            run.inputs = inputs;
            run.progress = "queued";
            run.heartbeatAt = run.createdAt;
            run.supersedes = ReconciliationRunEntity.<ReconciliationRunEntity> find(
                    "period = ?1 and status = ?2 order by createdAt desc", period.label(),
                    ReconciliationRunEntity.COMPLETED).firstResultOptional().map(r -> r.id).orElse(null);
            run.persist();
        });
        mine.add(id);
        Future<?> done = executor.submit(() -> {
            try {
                execute(id, period);
            } finally {
                mine.remove(id);
            }
        });
        try {
            done.get(config.runAnswerWithinMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // still running: the caller gets 202 and follows the run's Location
        } catch (Exception e) {
            LOG.debugf("run %s ended with %s", id, e);
        }
        return find(id).orElseThrow();
    }

    /**
     * Whether the newest completed run of a period is current: run on the inputs the period has now (usage, verdicts,
     * prices, contracts, bills, cost inputs: the fingerprint a run is started with), and what is still waiting to
     * be folded (consumer lag per topic). What a period close checks before it freezes a month.
     */
    public record Freshness(String period, UUID newestRun, Instant newestRunAt, boolean current,
            Map<String, Long> backlog) {
    }

    public Freshness freshness(Period period, Map<String, Long> backlog) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<ReconciliationRunEntity> newest = ReconciliationRunEntity.<ReconciliationRunEntity> find(
                    "period = ?1 and status = ?2 order by createdAt desc", period.label(),
                    ReconciliationRunEntity.COMPLETED).firstResultOptional();
            boolean current = newest.isPresent() && newest.get().inputs.equals(fingerprint(period));
            return new Freshness(period.label(), newest.map(r -> r.id).orElse(null),
                    newest.map(r -> r.createdAt).orElse(null), current, backlog);
        });
    }

    public Optional<RunView> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ReconciliationRunEntity
                .<ReconciliationRunEntity> findByIdOptional(id).map(r -> view(r, false)));
    }

    /** Each run's duration by outcome ({@code reconcile.run.duration}): how long a month takes, and failures. */
    private void execute(UUID id, Period period) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = ReconciliationRunEntity.FAILED;
        try {
            service.run(period, id, progress -> QuarkusTransaction.requiringNew().run(() -> em
                    .createQuery("update ReconciliationRunEntity set progress = :p where id = :id")
                    .setParameter("p", progress).setParameter("id", id).executeUpdate()));
            outcome = ReconciliationRunEntity.COMPLETED;
        } catch (Throwable t) { // an OutOfMemoryError too: the run fails, the service goes on
            LOG.errorf(t, "period %s: run %s failed", period.label(), id);
            String reason = t.getClass().getSimpleName() + ": " + t.getMessage();
            QuarkusTransaction.requiringNew().run(() -> em.createQuery("update ReconciliationRunEntity set status = :s,"
                    + " error = :e, progress = null, finishedAt = :at where id = :id")
                    .setParameter("s", ReconciliationRunEntity.FAILED).setParameter("e", reason)
                    .setParameter("at", Instant.now()).setParameter("id", id).executeUpdate());
        } finally {
            sample.stop(registry.timer("reconcile.run.duration", "outcome", outcome, "period_kind",
                    period.label().length() == 7 ? "month" : "day"));
        }
    }

    /**
     * What a run of the period reads, summarized: the folded usage of the period, its judged units' counters, the
     * verdicts, prices, aliases, contracts, the period's invoices and cost inputs, the workloads' acceptance rules.
     * Usage only grows, so sums and counts tell a change. Verdicts are told by their count kept as they arrive, the
     * newest id and the ones still waiting for their call (a partial index), not by counting the table per run.
     */
    private String fingerprint(Period period) {
        return (String) em.createNativeQuery("""
                select md5(concat_ws('|',
                  (select count(*) || ':' || coalesce(sum(calls), 0) || ':' || coalesce(sum(input_tokens), 0) || ':'
                       || coalesce(sum(cache_read_tokens), 0) || ':' || coalesce(sum(cache_creation_tokens), 0) || ':'
                       || coalesce(sum(output_tokens), 0) || ':' || coalesce(sum(reasoning_apart), 0)
                   from usage_hourly where hour >= :start and hour < :end),
                  (select coalesce(sum(units), 0) || ':' || coalesce(sum(stated_human_cost), 0) || ':'
                       || coalesce(sum(unstated_cases), 0) from unit_tally
                   where day >= (cast(:start as timestamptz) at time zone 'UTC')::date
                     and day < (cast(:end as timestamptz) at time zone 'UTC')::date),
                  (select n from received_count where what = 'outcome_verdict') || ':'
                       || (select coalesce(max(id), 0) from outcome_verdict) || ':'
                       || (select count(*) from outcome_verdict where unit_key is null),
                  (select count(*) || ':' || coalesce(max(id), 0) from price_version),
                  (select md5(coalesce(string_agg(a::text, ',' order by provider, alias), '')) from price_alias a),
                  (select md5(coalesce(string_agg(event, ',' order by contract_id), '')) from provider_contract),
                  (select md5(coalesce(string_agg(event, ',' order by term_id), '')) from revenue_term),
                  (select md5(coalesce(string_agg(x::text, ',' order by currency, effective_from), ''))
                   from exchange_rate x),
                  (select md5(coalesce(string_agg(distinct import_id::text, ',' order by import_id::text), ''))
                   from invoice_line_daily where period = :label and superseded_by is null),
                  (select md5(coalesce(string_agg(c.provider || '/' || c.billing_account || '/' || c.period || '='
                       || c.amount, ',' order by c.provider, c.billing_account, c.period), ''))
                   from overcharge_claim c where c.period < :label),
                  (select coalesce(sum(s.amount), 0) || ':' || count(*) from claim_settlement s
                   where s.settled_in < :label),
                  (select md5(coalesce(string_agg(w::text, ',' order by name), '')) from workload_settings w),
                  (select md5(coalesce(string_agg(c::text, ',' order by workload), '')) from period_cost_input c
                   where c.period = :label),
                  (select md5(coalesce(string_agg(t::text, ',' order by team), '')) from team_ops_cost t
                   where t.period = :label),
                  (select count(*) || ':' || coalesce(sum(review_minutes), 0) from outcome_verdict
                   where review_minutes is not null)))
                """).setParameter("start", period.start()).setParameter("end", period.end())
                .setParameter("label", period.label()).getSingleResult();
    }

    private static RunView view(ReconciliationRunEntity r, boolean existing) {
        ReconciliationCompletedV1 summary = r.summary == null ? null
                : EventJson.read(r.summary, ReconciliationCompletedV1.class);
        List<LcprComputedV1> lcpr = summary == null ? List.of()
                : LcprResultEntity.<LcprResultEntity> list("runId = ?1 order by workload", r.id).stream()
                        .map(e -> EventJson.read(e.event, LcprComputedV1.class)).toList();
        Work work = new Work(r.rollupsPriced, r.callsPricedOneByOne, r.hoursSplitAtChanges, r.workUnits,
                r.estimatedFromSamples);
        return new RunView(r.id, r.period, r.status, r.progress, r.error, r.supersedes, r.createdAt, r.finishedAt,
                work, summary, lcpr, existing);
    }

    /** Marks this instance's runs alive, then fails the running runs whose instance stopped beating. */
    @Scheduled(every = "${reconcile.run.heartbeat.ms:5000}ms", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        try {
            if (!mine.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> em.createQuery("update ReconciliationRunEntity set"
                        + " heartbeatAt = :now where id in :ids and status = :running").setParameter("now", Instant.now())
                        .setParameter("ids", Set.copyOf(mine)).setParameter("running", ReconciliationRunEntity.RUNNING)
                        .executeUpdate());
            }
            failAbandoned();
        } catch (RuntimeException e) {
            if (!DatabaseOutage.unreachable(e)) {
                throw e;
            }
            LOG.debugf("no heartbeat while the database is unreachable: %s", e.getMessage());
        }
    }

    private void failAbandoned() {
        Instant now = Instant.now();
        Instant before = now.minusMillis(config.runAbandonedAfterMs());
        int failed = QuarkusTransaction.requiringNew().call(() -> em.createQuery("update ReconciliationRunEntity"
                + " set status = :failed, progress = null, finishedAt = :now, error = concat('abandoned: no heartbeat"
                + " since ', cast(heartbeatAt as String), ' (the instance running it stopped before it finished)')"
                + " where status = :running and heartbeatAt < :before and id not in :mine")
                .setParameter("failed", ReconciliationRunEntity.FAILED).setParameter("now", now)
                .setParameter("running", ReconciliationRunEntity.RUNNING).setParameter("before", before)
                .setParameter("mine", mine.isEmpty() ? Set.of(new UUID(0, 0)) : Set.copyOf(mine)).executeUpdate());
        if (failed > 0) {
            LOG.warnf("%d reconciliation run(s) abandoned by a stopped instance marked failed", failed);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
