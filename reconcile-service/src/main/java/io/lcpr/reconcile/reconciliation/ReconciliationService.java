package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.lcpr.delivery.Outbox;
import io.lcpr.delivery.OutboxRelay;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.RevenueTermV1;
import io.lcpr.events.Topics;
import io.lcpr.money.Money;
import io.lcpr.price.ContractTerms;
import io.lcpr.price.ExchangeRates;
import io.lcpr.price.PriceHistory;
import io.lcpr.reconcile.DaemonThreads;
import io.lcpr.reconcile.attribution.AttributionRepository;
import io.lcpr.reconcile.attribution.Attributions;
import io.lcpr.reconcile.fx.ExchangeRateService;
import io.lcpr.reconcile.invoice.InvoiceRepository;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostInputs;
import io.lcpr.reconcile.lcpr.CostRules;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.lcpr.TaskCosts;
import io.lcpr.reconcile.lcpr.UnitTally;
import io.lcpr.reconcile.margin.AccountUsage;
import io.lcpr.reconcile.margin.AccountUsageRepository;
import io.lcpr.reconcile.margin.Margins;
import io.lcpr.reconcile.margin.Revenue;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.usage.UnitJudgements;
import io.lcpr.reconcile.workload.PeriodCostInputEntity;
import io.lcpr.reconcile.workload.TeamOpsCostEntity;
import io.lcpr.reconcile.workload.WorkloadClasses;
import io.lcpr.reconcile.workload.WorkloadSettingsEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the monthly (or daily) reconciliation of a period: the trace-derived cost at the snapshot in force, each
 * provider account against its invoice, LCPR per workload, and publishes the results.
 */
@ApplicationScoped
public class ReconciliationService {
    static final String PRODUCER = "reconcile-service";
    private static final Logger LOG = Logger.getLogger(ReconciliationService.class);

    private final Outbox outbox;
    private final OutboxRelay relay;
    private final PricingCopyService pricing;
    private final PeriodUsageRepository usage;
    private final UnitJudgements judgements;
    private final InvoiceRepository invoiceLines;
    private final ClaimRepository claims;
    private final ExchangeRateService exchangeRates;
    private final AccountUsageRepository accountCalls;
    private final AttributionRepository attribution;
    /** Judges a run's work units while the run prices its rollups (runs execute one at a time). */
    private final ExecutorService judging =
            Executors.newSingleThreadExecutor(DaemonThreads.named("reconciliation-judging"));

    public ReconciliationService(Outbox outbox, OutboxRelay relay, PricingCopyService pricing,
            PeriodUsageRepository usage, UnitJudgements judgements, InvoiceRepository invoiceLines,
            ClaimRepository claims, ExchangeRateService exchangeRates, AccountUsageRepository accountCalls,
            AttributionRepository attribution) {
        this.attribution = attribution;
        this.exchangeRates = exchangeRates;
        this.accountCalls = accountCalls;
        this.invoiceLines = invoiceLines;
        this.claims = claims;
        this.outbox = outbox;
        this.relay = relay;
        this.pricing = pricing;
        this.usage = usage;
        this.judgements = judgements;
    }

    /**
     * Reconciles a period from its folded data into run {@code runId}: the hourly token rollups priced at the price
     * in force (PeriodCosts), each account against its invoice, the work units' counters (judged as their calls and
     * verdicts arrived) summed per workload and result, judged on a second thread while the rollups are priced. Memory
     * holds one slice per account, workload, team and attempt kind, whatever the size of the month; each phase is its
     * own short transaction, and the results, the run's figures and the events are written together in the last.
     */
    public void run(Period period, UUID runId, Consumer<String> progress) {
        long t0 = System.nanoTime();
        progress.accept("pricing rollups and judging work units");
        // the work units' counters share nothing with pricing: judged meanwhile, on the database's other core
        Future<JudgedPeriod> judged = judging.submit(() -> judge(period));
        try {
            priceAndPublish(period, runId, judged, t0, progress);
        } finally {
            awaitQuietly(judged); // a failed run leaves no judging of its period behind
        }
    }

    private void priceAndPublish(Period period, UUID runId, Future<JudgedPeriod> judged, long t0,
            Consumer<String> progress) {
        String label = period.label();
        Priced priced = price(period);
        PeriodCosts costs = priced.costs();
        List<CostSlice> slices = costs.slices();
        Inputs inputs = QuarkusTransaction.requiringNew().call(() -> Inputs.of(label, priced.fx(), invoiceLines,
                claims, pricing.revenueTerms(), judgements.reviewMinutes(period), slices));
        AccountReconciler.Result accounts = reconcileAccounts(period, priced, inputs, slices);

        long t1 = System.nanoTime();
        JudgedPeriod judgedPeriod = await(judged);
        Map<String, UnitTally> units = unitsByWorkload(judgedPeriod, inputs);
        long unitCount = units.values().stream().mapToLong(UnitTally::attempted).sum();

        long t2 = System.nanoTime();
        progress.accept("publishing");
        Instant now = Instant.now();
        Set<String> named = Margins.namedAccounts(inputs.revenueTerms(), period.start());
        AccountUsage accountUsage = named.isEmpty() ? AccountUsage.NONE
                : QuarkusTransaction.requiringNew().call(() -> accountUsage(named, period, priced.prices(),
                        priced.terms(), priced.fx()));
        List<LcprComputedV1> results = WorkloadResults.build(byWorkload(slices, units, accounts),
                units, new WorkloadResults.Context(runId, period, now, inputs::costs, accounts.deltaByWorkload(),
                        inputs.revenueTerms(), inputs.registry(), agenticTasks(period, priced, inputs), accountUsage,
                        judgedPeriod.acceptedByTeam()));
        ReconciliationCompletedV1 completed = completed(period, runId, now, priced, inputs, accounts, slices,
                results, accountUsage);
        BigDecimal estimated = costs.estimatedFromSamples();
        QuarkusTransaction.requiringNew().run(() -> {
            persist(runId, label, now, completed, results, costs, unitCount, Money.of(estimated));
            claims.save(label, runId, now, accounts.accounts(), accounts.settlements());
        });
        relay.publishNow(); // teams wait for these: not until the relay's next tick
        LOG.infof("period %s: run %s priced %d rollups (daily, hourly where a day holds a price change, %d hours by"
                + " segment; %d calls one by one) in %d ms (prices %d, daily rollups %d, finer reads %d, non-token"
                + " counts %d, invoices and accounts %d), judged %d work units in %d ms meanwhile (waited %d ms for"
                + " them), published in %d ms; %d accounts, %d workloads; %s of the cost estimated from sampled calls",
                label, runId, costs.rollups(), costs.hoursSplit(), costs.pricedOneByOne(), (t1 - t0) / 1_000_000,
                (priced.pricesRead() - t0) / 1_000_000, (priced.dailyRead() - priced.pricesRead()) / 1_000_000,
                (priced.finerRead() - priced.dailyRead()) / 1_000_000,
                (priced.unitsRead() - priced.finerRead()) / 1_000_000, (t1 - priced.unitsRead()) / 1_000_000,
                unitCount, judgedPeriod.millis(), (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000,
                accounts.accounts().size(), results.size(), estimated);
    }

    /**
     * The period priced: the price history, contract terms and exchange rates it was priced with, its costs, and
     * when (nanoTime) each read ended, for the run's log line.
     */
    private record Priced(PriceHistory prices, ContractTerms terms, ExchangeRates fx, PeriodCosts costs,
            long pricesRead, long dailyRead, long finerRead, long unitsRead) {
    }

    /** The period's daily rollups priced, finer reads where a day must be split, then its non-token counts. */
    private Priced price(Period period) {
        PriceHistory prices = QuarkusTransaction.requiringNew().call(pricing::history);
        ContractTerms terms = QuarkusTransaction.requiringNew().call(pricing::contractTerms);
        ExchangeRates fx = exchangeRates.rates();
        PeriodCosts costs = new PeriodCosts(prices, terms, fx, PeriodCosts.Source.of(usage));
        long[] read = new long[4];
        read[0] = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            usage.streamDaily(period.start(), period.end(), costs::add);
            read[1] = System.nanoTime();
            costs.finish();
            read[2] = System.nanoTime();
            costs.addUnits(period.start(), period.end());
            read[3] = System.nanoTime();
        });
        if (!costs.unpricedByAccount().isEmpty()) {
            LOG.warnf("period %s: calls with no price in force, left out of cost and reported: %s", period.label(),
                    costs.unpricedByAccount());
        }
        if (!costs.unpricedUnits().isEmpty()) {
            LOG.warnf("period %s: non-token counts with no unit price in force, left out of cost: %s",
                    period.label(), costs.unpricedUnits());
        }
        return new Priced(prices, terms, fx, costs, read[0], read[1], read[2], read[3]);
    }

    /** Each account's invoice against its trace-derived cost, the delta explained and allocated to workloads. */
    private AccountReconciler.Result reconcileAccounts(Period period, Priced priced, Inputs inputs,
            List<CostSlice> slices) {
        PriceHistory prices = priced.prices();
        ExchangeRates fx = priced.fx();
        return AccountReconciler.reconcileSlices(slices, priced.costs().unpricedByAccount(), inputs.invoices(),
                priced.costs().byModelDay(), (provider, account, model, tier, day) -> {
                    Instant at = day == null ? period.start() : day;
                    return prices.quote(provider, model, tier, null, at).flatMap(q -> fx
                            .toReporting(q.entry().currency(), at).map(toUsd -> new DeltaExplanation.Resolved(
                                    q.resolvedModel(), q.rates().scaled(toUsd),
                                    priced.terms().factor(provider, account, q.resolvedModel(), tier, at))));
                }, accountContexts(period, inputs, prices, priced.terms(), fx), period.label());
    }

    /** The judged units per workload, with each workload's human cost inputs. */
    private static Map<String, UnitTally> unitsByWorkload(JudgedPeriod judged, Inputs inputs) {
        Map<String, UnitTally> units = new TreeMap<>();
        for (UnitJudgements.JudgedUnits j : judged.tally()) {
            units.computeIfAbsent(j.workload(), w -> new UnitTally()).addJudged(j.result(), j.units(),
                    j.statedHumanCost(), j.unstatedCases(), inputs.costs(j.workload()));
        }
        return units;
    }

    /** Every workload with cost, units or a share of a delta, with its slices (none for the latter two). */
    private static Map<String, List<CostSlice>> byWorkload(List<CostSlice> slices, Map<String, UnitTally> units,
            AccountReconciler.Result accounts) {
        Map<String, List<CostSlice>> byWorkload = new TreeMap<>();
        slices.forEach(s -> byWorkload.computeIfAbsent(s.workload(), w -> new ArrayList<>()).add(s));
        units.keySet().forEach(w -> byWorkload.computeIfAbsent(w, k -> new ArrayList<>()));
        accounts.deltaByWorkload().keySet().forEach(w -> byWorkload.computeIfAbsent(w, k -> new ArrayList<>()));
        return byWorkload;
    }

    /** Task figures of each agentic workload in the registry, read from the period's calls of its units. */
    private Map<String, TaskCosts.Figures> agenticTasks(Period period, Priced priced, Inputs inputs) {
        Map<String, TaskCosts.Figures> tasks = new TreeMap<>();
        inputs.registry().forEach((w, reg) -> {
            if (WorkloadClasses.AGENTIC.equals(reg.workloadClass())) {
                tasks.put(w, QuarkusTransaction.requiringNew().call(() -> taskFigures(w, period, priced.prices(),
                        priced.terms(), priced.fx())));
            }
        });
        return tasks;
    }

    /** The run's closing event: accounts, workloads, total and unknown cost, margins, attribution. */
    private ReconciliationCompletedV1 completed(Period period, UUID runId, Instant now, Priced priced, Inputs inputs,
            AccountReconciler.Result accounts, List<CostSlice> slices, List<LcprComputedV1> results,
            AccountUsage accountUsage) {
        Map<String, String> owners = new TreeMap<>();
        inputs.registry().forEach((w, reg) -> {
            if (reg.ownerTeam() != null) {
                owners.put(w, reg.ownerTeam());
            }
        });
        Map<String, BigDecimal> traceCostByWorkload = new TreeMap<>();
        slices.forEach(sl -> traceCostByWorkload.merge(sl.workload(), sl.cost(), BigDecimal::add));
        List<ReconciliationCompletedV1.Margin> margins = new ArrayList<>(Margins.byTeam(results, owners));
        margins.addAll(Margins.byAccount(inputs.revenueTerms(), period.start(), period.monthShare(), accountUsage,
                traceCostByWorkload, results));
        BigDecimal total = results.stream().map(LcprComputedV1::loadedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal unknown = results.stream().filter(r -> r.workload().equals(Call.UNKNOWN))
                .map(LcprComputedV1::loadedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<ReconciliationCompletedV1.Attribution> attributed = QuarkusTransaction.requiringNew()
                .call(() -> attribution(period, priced.prices(), priced.terms(), priced.fx()));
        return new ReconciliationCompletedV1(UUID.randomUUID(), now, ReconciliationCompletedV1.SCHEMA_VERSION,
                PRODUCER, runId, period.label(), period.start(), period.end(), "USD", accounts.accounts(),
                results.stream().map(LcprComputedV1::workload).toList(), total, unknown,
                Revenue.sharePct(unknown, total), margins, attributed.isEmpty() ? null : attributed);
    }

    /** The period's work units counted per workload, result and team, and how long that took. */
    private record JudgedPeriod(List<UnitJudgements.JudgedUnits> tally, Map<String, Map<String, Long>> acceptedByTeam,
            long millis) {
    }

    /**
     * Judges the verdicts that raced their calls, folds the period's ledger rows and counts them: each its own short
     * transaction, as the fold's consumers keep writing.
     */
    private JudgedPeriod judge(Period period) {
        long t0 = System.nanoTime();
        QuarkusTransaction.requiringNew().run(judgements::resolveStragglers);
        QuarkusTransaction.requiringNew().run(() -> judgements.compact(period));
        List<UnitJudgements.JudgedUnits> tally = QuarkusTransaction.requiringNew().call(() -> judgements.tally(period));
        Map<String, Map<String, Long>> byTeam = QuarkusTransaction.requiringNew()
                .call(() -> judgements.acceptedByTeam(period));
        return new JudgedPeriod(tally, byTeam, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The judging's result, or its failure rethrown as the run's (its cause, an OutOfMemoryError included). */
    private static JudgedPeriod await(Future<JudgedPeriod> judged) {
        try {
            return judged.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the work units were judged", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<?> judged) {
        try {
            judged.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported by await, or the run failed first and reports its own cause
        }
    }

    @PreDestroy
    void stop() {
        judging.shutdownNow();
    }

    /**
     * Each invoiced account's open claims and, where its contract bills another window than the reporting month, the
     * trace-derived sums of the window's edges (priced like the month: hourly rollups, call by call where needed).
     */
    private Map<InvoiceTotal, DeltaExplanation.AccountContext> accountContexts(Period period, Inputs inputs,
            PriceHistory prices, ContractTerms terms, ExchangeRates fx) {
        List<ProviderContractV1> contracts = QuarkusTransaction.requiringNew().call(pricing::contracts);
        Map<String, BillingWindows.Window> windows = BillingWindows.of(contracts, period);
        Map<String, String> bases = BillingWindows.deltaBases(contracts, period);
        Map<BillingWindows.Edge, PeriodCosts> priced = new HashMap<>();
        Map<InvoiceTotal, DeltaExplanation.AccountContext> out = new HashMap<>();
        for (InvoiceTotal invoice : inputs.invoices()) {
            BillingWindows.Window window = windows.get(invoice.provider() + "/" + invoice.billingAccount());
            List<DeltaExplanation.WindowEdge> edges = new ArrayList<>();
            if (window != null) {
                for (BillingWindows.Edge edge : window.edges(period)) {
                    if (edge.isEmpty()) {
                        continue;
                    }
                    PeriodCosts costs = priced.computeIfAbsent(edge, e -> {
                        PeriodCosts c = new PeriodCosts(prices, terms, fx, PeriodCosts.Source.of(usage));
                        QuarkusTransaction.requiringNew().run(() -> {
                            usage.streamHourly(e.from(), e.to(), c::add);
                            c.finish();
                            c.addUnits(e.from(), e.to());
                        });
                        return c;
                    });
                    Map<PeriodCosts.ModelDayKey, PeriodCosts.ModelDay> mine = new HashMap<>();
                    costs.byModelDay().forEach((k, m) -> {
                        if (invoice.covers(k.provider(), k.projectId())) {
                            mine.put(k, m);
                        }
                    });
                    edges.add(new DeltaExplanation.WindowEdge(mine, edge.sign()));
                }
            }
            out.put(invoice, new DeltaExplanation.AccountContext(inputs.openClaims().getOrDefault(invoice, List.of()),
                    edges, window == null ? null : window.describe(),
                    QuarkusTransaction.requiringNew().call(() -> requestMatches(invoice, period, prices, terms, fx)),
                    bases.getOrDefault(invoice.provider() + "/" + invoice.billingAccount(),
                            ProviderContractV1.BASIS_INVOICE)));
        }
        return out;
    }

    /**
     * The calls of the customer accounts a revenue term names, each priced whole (tokens and units) at its contract
     * rate in force, per account and workload, and their accepted units: one read of the period's calls.
     */
    private AccountUsage accountUsage(Set<String> named, Period period, PriceHistory prices, ContractTerms terms,
            ExchangeRates fx) {
        AccountUsage out = new AccountUsage();
        Map<String, PeriodCosts> byAccount = new TreeMap<>();
        accountCalls.streamCalls(named, period.start(), period.end(), ac -> byAccount
                .computeIfAbsent(ac.account(), a -> new PeriodCosts(prices, terms, fx, PeriodCosts.Source.of(usage)))
                .addCall(ac.call(), ac.units()));
        byAccount.forEach((a, costs) -> costs.slices().forEach(sl -> out.addCost(a, sl.workload(), sl.cost())));
        accountCalls.addAccepted(named, period.start(), period.end(), out);
        return out;
    }

    /**
     * Where an account's bill names the request each line bills, its lines matched to the period's calls request by
     * request (each call priced whole at its contract rate); none otherwise.
     */
    private Map<RequestMatching.Key, RequestMatching.Cell> requestMatches(InvoiceTotal invoice, Period period,
            PriceHistory prices, ContractTerms terms, ExchangeRates fx) {
        if (!invoiceLines.hasRequestLines(period.label(), invoice.provider(), invoice.billingAccount())) {
            return Map.of();
        }
        RequestMatching matching = new RequestMatching();
        invoiceLines.streamRequestLines(period.label(), invoice.provider(), invoice.billingAccount(), l -> {
            String tier = l.serviceTier() == null ? "standard" : l.serviceTier();
            String model = prices.quote(invoice.provider(), l.model(), tier, null, l.day())
                    .map(PriceHistory.Quote::resolvedModel).orElse(l.model());
            fx.toReporting(l.currency(), l.day()).ifPresent(toUsd -> matching.bill(l.requestId(),
                    new RequestMatching.Key(model, tier), l.billedCost().multiply(toUsd)));
        });
        PeriodCosts pricer = new PeriodCosts(prices, terms, fx, PeriodCosts.Source.of(usage));
        String project = "*".equals(invoice.billingAccount()) ? null : invoice.billingAccount();
        usage.streamCallsOfAccount(invoice.provider(), project, period.start(), period.end(), wc -> pricer.priceOf(wc)
                .ifPresent(p -> matching.trace(wc.call().requestId(),
                        new RequestMatching.Key(p.model(), wc.call().serviceTier()), p.cost())));
        return matching.cells();
    }

    /** An agentic workload's tasks of the period, each call priced at its contract rate in force at its start. */
    private TaskCosts.Figures taskFigures(String workload, Period period, PriceHistory prices, ContractTerms terms,
            ExchangeRates fx) {
        TaskCosts tasks = new TaskCosts();
        usage.streamUnitCalls(workload, period.start(), period.end(), uc -> {
            Call c = uc.call();
            BigDecimal cost = prices.quote(c.provider(), c.model(), c.serviceTier(), null, c.startedAt())
                    .flatMap(q -> fx.toReporting(q.entry().currency(), c.startedAt()).map(toUsd -> q.rates()
                            .cost(c.usage()).multiply(BigDecimal.valueOf(uc.weight())).multiply(toUsd).multiply(terms
                                    .factor(c.provider(), c.projectId(), q.resolvedModel(), c.serviceTier(),
                                            c.startedAt()))))
                    .orElse(BigDecimal.ZERO);
            tasks.add(uc.unitKey(), c, uc.weight(), cost, uc.accepted());
        });
        return tasks.figures();
    }

    /**
     * The period's small inputs, read once: invoices, open overcharge claims, revenue terms, and each workload's
     * cost inputs with their rules applied (review minutes at the rate, a share of a team's ops cost by calls).
     */
    private record Inputs(List<InvoiceTotal> invoices, Map<String, CostInputs> costInputs,
            Map<InvoiceTotal, List<ClaimRepository.OpenClaim>> openClaims, List<RevenueTermV1> revenueTerms,
            Map<String, WorkloadResults.Registry> registry) {
        static Inputs of(String label, ExchangeRates fx, InvoiceRepository invoiceLines, ClaimRepository claims,
                List<RevenueTermV1> revenueTerms, Map<String, BigDecimal> reviewMinutes, List<CostSlice> slices) {
            List<InvoiceTotal> invoices = InvoiceTotal.of(invoiceLines.currentLines(label), fx);
            Map<InvoiceTotal, List<ClaimRepository.OpenClaim>> open = new HashMap<>();
            invoices.forEach(i -> open.put(i, claims.openBefore(i.provider(), i.billingAccount(), label)));
            Map<String, BigDecimal> teamOps = new HashMap<>();
            TeamOpsCostEntity.<TeamOpsCostEntity> list("key.period", label)
                    .forEach(t -> teamOps.put(t.key.team, t.amount));
            // calls per team and per team and workload, summed once for every workload's ops rule
            Map<String, Long> callsByTeam = new HashMap<>();
            Map<String, Long> callsByTeamWorkload = new HashMap<>();
            slices.forEach(sl -> {
                callsByTeam.merge(sl.team(), sl.calls(), Long::sum);
                callsByTeamWorkload.merge(sl.team() + "\u0000" + sl.workload(), sl.calls(), Long::sum);
            });
            Map<String, CostInputs> costs = new HashMap<>();
            PeriodCostInputEntity.<PeriodCostInputEntity> list("key.period", label).forEach(c -> {
                String team = c.opsShareOfTeam;
                long teamCalls = team == null ? 0 : callsByTeam.getOrDefault(team, 0L);
                long workloadTeamCalls = team == null ? 0
                        : callsByTeamWorkload.getOrDefault(team + "\u0000" + c.key.workload, 0L);
                costs.put(c.key.workload, CostRules.effective(c.inputs(), c.reviewRatePerHour,
                        reviewMinutes.getOrDefault(c.key.workload, BigDecimal.ZERO),
                        team == null ? BigDecimal.ZERO : teamOps.getOrDefault(team, BigDecimal.ZERO), workloadTeamCalls,
                        teamCalls));
            });
            Map<String, WorkloadResults.Registry> registry = new TreeMap<>();
            WorkloadSettingsEntity.<WorkloadSettingsEntity> listAll().forEach(w -> registry.put(w.name,
                    new WorkloadResults.Registry(w.workloadClass, w.unitName, w.servedWorkloads(), w.isEvalRun(),
                            w.ownerTeam)));
            return new Inputs(invoices, costs, open, revenueTerms, registry);
        }

        CostInputs costs(String workload) {
            return costInputs.getOrDefault(workload, CostInputs.NONE);
        }
    }

    @jakarta.transaction.Transactional
    public List<ClaimRepository.ClaimView> claims(String provider, String account) {
        return claims.list(provider, account);
    }

    public Optional<LcprComputedV1> latest(Period period, String workload) {
        return LcprResultEntity.<LcprResultEntity> find("period = ?1 and workload = ?2 order by createdAt desc, id desc",
                period.label(), workload).firstResultOptional().map(r -> EventJson.read(r.event, LcprComputedV1.class));
    }

    private void persist(UUID runId, String label, Instant now, ReconciliationCompletedV1 completed,
            List<LcprComputedV1> results, PeriodCosts costs, long workUnits, BigDecimal estimated) {
        ReconciliationRunEntity run = ReconciliationRunEntity.findById(runId);
        run.summary = EventJson.write(completed);
        run.status = ReconciliationRunEntity.COMPLETED;
        run.progress = null;
        run.finishedAt = now;
        run.rollupsPriced = costs.rollups();
        run.callsPricedOneByOne = costs.pricedOneByOne();
        run.hoursSplitAtChanges = costs.hoursSplit();
        run.workUnits = workUnits;
        run.estimatedFromSamples = estimated;
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

    /** The period's prefix, adapter and endpoint lines for chargeback, cache reads valued at the contract rates. */
    private List<ReconciliationCompletedV1.Attribution> attribution(Period period, PriceHistory prices,
            ContractTerms terms, ExchangeRates fx) {
        List<AttributionRepository.Sums> rows = new ArrayList<>();
        attribution.hourly(period.start(), period.end(), rows::add);
        return Attributions.of(rows, k -> prices.quote(k.provider(), k.model(), k.serviceTier(), null, k.hour())
                .flatMap(q -> fx.toReporting(q.entry().currency(), k.hour()).map(toUsd -> {
                    io.lcpr.price.Rates r = q.rates();
                    BigDecimal read = r.cacheReadPerMillion() == null ? r.inputPerMillion() : r.cacheReadPerMillion();
                    return r.inputPerMillion().subtract(read).multiply(toUsd).multiply(terms.factor(k.provider(),
                            null, q.resolvedModel(), k.serviceTier(), k.hour())).movePointLeft(6);
                })).orElse(null));
    }
}
