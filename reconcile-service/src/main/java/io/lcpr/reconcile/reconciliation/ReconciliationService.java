package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.Topics;
import io.lcpr.money.Money;
import io.lcpr.price.PriceHistory;
import io.lcpr.reconcile.invoice.InvoiceEntity;
import io.lcpr.reconcile.lcpr.AcceptancePolicy;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostInputs;
import io.lcpr.reconcile.lcpr.LcprCalculator;
import io.lcpr.reconcile.lcpr.PricedCall;
import io.lcpr.reconcile.lcpr.Verdict;
import io.lcpr.reconcile.lcpr.WorkloadLcpr;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.OutcomeVerdictEntity;
import io.lcpr.reconcile.usage.UsageCallEntity;
import io.lcpr.reconcile.workload.PeriodCostInputEntity;
import io.lcpr.reconcile.workload.WorkloadSettingsEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Runs the monthly (or daily) reconciliation of a period: prices every call at the snapshot in force, reconciles
 * each provider account against its invoice, computes LCPR per workload, and publishes the results.
 */
@ApplicationScoped
public class ReconciliationService {
    static final String PRODUCER = "reconcile-service";
    private static final Logger LOG = Logger.getLogger(ReconciliationService.class);

    private final Outbox outbox;
    private final PricingCopyService pricing;

    public ReconciliationService(Outbox outbox, PricingCopyService pricing) {
        this.outbox = outbox;
        this.pricing = pricing;
    }

    /** What a run decided: the completion event and one LCPR event per workload. */
    public record RunResult(ReconciliationCompletedV1 reconciliation, List<LcprComputedV1> lcpr) {
    }

    @Transactional
    public RunResult run(Period period) {
        String label = period.label();
        List<Call> calls = UsageCallEntity.<UsageCallEntity> list("startedAt >= ?1 and startedAt < ?2",
                period.start(), period.end()).stream().map(UsageCallEntity::toCall).toList();
        PriceHistory prices = pricing.history();
        List<PricedCall> priced = new ArrayList<>(calls.size());
        Map<String, Long> unpriced = new TreeMap<>();
        for (Call call : calls) {
            Optional<PriceHistory.Quote> quote = prices.quote(call.provider(), call.model(), call.serviceTier(), null,
                    call.startedAt());
            if (quote.isPresent()) {
                priced.add(new PricedCall(call, quote.get().rates().cost(call.usage())));
            } else {
                unpriced.merge(call.account(), 1L, Long::sum);
            }
        }
        if (!unpriced.isEmpty()) {
            LOG.warnf("period %s: calls with no price in force, left out of cost and reported: %s", label, unpriced);
        }
        List<InvoiceTotal> invoices = InvoiceEntity.<InvoiceEntity> list("period", label).stream()
                .map(i -> new InvoiceTotal(i.provider, i.billingAccount, i.total)).toList();
        AccountReconciler.Result accounts = AccountReconciler.reconcile(priced, unpriced, invoices);
        Map<String, List<Verdict>> verdicts = verdictsByUnit(calls);

        UUID runId = UUID.randomUUID();
        Instant now = Instant.now();
        Map<String, List<PricedCall>> byWorkload = priced.stream()
                .collect(Collectors.groupingBy(pc -> pc.call().workloadOrUnknown(), TreeMap::new, Collectors.toList()));
        List<LcprComputedV1> results = new ArrayList<>();
        for (Map.Entry<String, List<PricedCall>> w : byWorkload.entrySet()) {
            String workload = w.getKey();
            AcceptancePolicy policy = WorkloadSettingsEntity.<WorkloadSettingsEntity> findByIdOptional(workload)
                    .map(WorkloadSettingsEntity::policy).orElse(AcceptancePolicy.DEFAULT);
            CostInputs inputs = PeriodCostInputEntity.<PeriodCostInputEntity> findByIdOptional(
                    new PeriodCostInputEntity.Key(label, workload)).map(PeriodCostInputEntity::inputs)
                    .orElse(CostInputs.NONE);
            WorkloadLcpr l = LcprCalculator.compute(workload, w.getValue(), verdicts, policy, inputs,
                    accounts.deltaByWorkload().getOrDefault(workload, BigDecimal.ZERO));
            results.add(new LcprComputedV1(UUID.randomUUID(), now, LcprComputedV1.SCHEMA_VERSION, PRODUCER, runId,
                    label, workload, "USD", Money.of(l.inferenceCost()), Money.of(l.evalCost()),
                    Money.of(l.humanCost()), Money.of(l.opsCost()), Money.of(l.delta()), Money.of(l.loadedCost()),
                    Money.of(l.lcpr()), Money.of(l.naiveCostPerUnit()), l.attempted(), l.accepted(), l.firstAttemptPass(),
                    l.recovered(), l.escalated(), l.unrecovered(), l.callsByAttemptKind(), money(l.traceCostByTeam())));
        }
        ReconciliationCompletedV1 completed = new ReconciliationCompletedV1(UUID.randomUUID(), now,
                ReconciliationCompletedV1.SCHEMA_VERSION, PRODUCER, runId, label, period.start(), period.end(), "USD",
                accounts.accounts(), results.stream().map(LcprComputedV1::workload).toList());
        persist(runId, label, now, completed, results);
        LOG.infof("period %s: run %s reconciled %d calls (%d unpriced), %d accounts, %d workloads", label, runId,
                calls.size(), calls.size() - priced.size(), accounts.accounts().size(), results.size());
        return new RunResult(completed, results);
    }

    public Optional<LcprComputedV1> latest(Period period, String workload) {
        return LcprResultEntity.<LcprResultEntity> find("period = ?1 and workload = ?2 order by createdAt desc, id desc",
                period.label(), workload).firstResultOptional().map(r -> EventJson.read(r.event, LcprComputedV1.class));
    }

    private void persist(UUID runId, String label, Instant now, ReconciliationCompletedV1 completed,
            List<LcprComputedV1> results) {
        ReconciliationRunEntity run = new ReconciliationRunEntity();
        run.id = runId;
        run.period = label;
        run.createdAt = now;
        run.summary = EventJson.write(completed);
        run.persist();
        for (LcprComputedV1 r : results) {
            LcprResultEntity e = new LcprResultEntity();
            e.runId = runId;
            e.period = label;
            e.workload = r.workload();
            e.createdAt = now;
            e.event = EventJson.write(r);
            e.persist();
            outbox.add(Topics.LCPR_COMPUTED, r.workload(), r);
        }
        outbox.add(Topics.RECONCILIATION_COMPLETED, label, completed);
    }

    private static Map<String, BigDecimal> money(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> rounded = new TreeMap<>();
        amounts.forEach((k, v) -> rounded.put(k, Money.of(v)));
        return rounded;
    }

    /** Verdicts about the period's work units, whether keyed by work unit or by one of its calls. */
    private static Map<String, List<Verdict>> verdictsByUnit(List<Call> calls) {
        Map<String, String> unitOfRequest = new HashMap<>();
        calls.forEach(c -> {
            if (c.requestId() != null) {
                unitOfRequest.put(c.requestId(), c.unitKey());
            }
        });
        Set<String> units = calls.stream().map(Call::unitKey).collect(Collectors.toSet());
        Map<String, List<Verdict>> byUnit = new LinkedHashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(units))) {
            OutcomeVerdictEntity.<OutcomeVerdictEntity> list("workUnitId in ?1", chunk)
                    .forEach(v -> byUnit.computeIfAbsent(v.workUnitId, k -> new ArrayList<>()).add(v.toVerdict()));
        }
        for (List<String> chunk : chunks(new ArrayList<>(unitOfRequest.keySet()))) {
            OutcomeVerdictEntity.<OutcomeVerdictEntity> list("workUnitId is null and requestId in ?1", chunk)
                    .forEach(v -> byUnit.computeIfAbsent(unitOfRequest.get(v.requestId), k -> new ArrayList<>())
                            .add(v.toVerdict()));
        }
        return byUnit;
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += 5000) {
            chunks.add(values.subList(i, Math.min(values.size(), i + 5000)));
        }
        return chunks;
    }
}
