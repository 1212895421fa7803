package io.lcpr.reconcile.usage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ModelAliasV1;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.money.Money;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.SnapshotEntries;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.lcpr.AcceptancePolicy;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostInputs;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.lcpr.LcprCalculator;
import io.lcpr.reconcile.lcpr.UnitTally;
import io.lcpr.reconcile.lcpr.Verdict;
import io.lcpr.reconcile.lcpr.WorkloadLcpr;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.reconciliation.AccountReconciler;
import io.lcpr.reconcile.reconciliation.InvoiceTotal;
import io.lcpr.reconcile.reconciliation.ReconciliationRuns;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Property: for random months (price changes and late corrections at random instants, tiers, long prompts,
 * aliases, sampled calls, unknown teams and workloads, unpriced models, outcomes before their traces, duplicates),
 * the folded path (hourly rollups, work units streamed) gives every workload the cost, to the micro-dollar, and the
 * acceptance counts that pricing each call one by one and judging each unit from its calls give.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class FoldEquivalenceTest {
    private static final String[] TEAMS = { "t-a", "t-b", "t-c", null };
    private static final String[] KINDS = { "first_attempt", "retry", "repair", "fallback", "eval_grader" };

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;
    @Inject
    UsageRebuilds rebuilds;
    @Inject
    UnitTallyCompactor compactor;
    @Inject
    EntityManager em;

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5, 6 })
    void theFoldedMonthEqualsPerCallArithmetic(long seed) {
        Random random = new Random(seed);
        YearMonth month = YearMonth.of(2031, (int) seed);
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long monthSeconds = month.lengthOfMonth() * 86_400L;
        String provider = "prov-" + seed + "-" + UUID.randomUUID().toString().substring(0, 6);
        // workloads of this month only: the default acceptance rule, whatever other tests set for theirs
        String[] workloads = { "support-" + provider, "extraction-" + provider, "agent-" + provider, null };

        // prices: two models, one with a long-context tier; a change mid-hour; a correction published after folding
        List<PricingSnapshotV1> prices = new ArrayList<>();
        Instant change = start.plusSeconds(random.nextLong(monthSeconds / 4, monthSeconds - 3600));
        prices.add(price(provider, "m-small", "standard", start.minusSeconds(86_400), 1, "0.40", "1.60", null, null));
        prices.add(price(provider, "m-big", "standard", start.minusSeconds(86_400), 1, "3.00", "15.00",
                // a threshold inside the short prompts' class (priced call by call), or one listed prices use (a class
                // boundary of its own: V34)
                random.nextBoolean() ? 1L + random.nextInt(4000) : random.nextBoolean() ? 128_000L : 200_000L,
                "6.00"));
        prices.add(price(provider, "m-small", "standard", change, 2, "0.50", "2.00", null, null));
        prices.add(price(provider, "m-small", "priority", start.minusSeconds(86_400), 3, "0.80", "3.20", null, null));
        prices.forEach(pricing::record);
        pricing.record(new ModelAliasV1(UUID.randomUUID(), start, 1, "test", provider, "small-latest", "m-small"));
        Instant correctionAt = start.plusSeconds(random.nextLong(3600, monthSeconds / 2) / 60 * 60 + 1234);
        // a new m-big price from a minute past an hour, and a correction restating the m-small change's start
        List<PricingSnapshotV1> late = List.of(
                price(provider, "m-big", "standard", correctionAt, 4, "2.50", "12.50", 2000L, "5.00"),
                price(provider, "m-small", "standard", change, 5, "0.45", "1.80", null, null));

        // calls: work units of one to three attempts, some graders, some sampled, some unpriced
        List<TraceRecordedV1> traces = new ArrayList<>();
        List<OutcomeRecordedV1> outcomes = new ArrayList<>();
        String[] models = { "m-small", "m-big", "small-latest", "m-unknown" };
        String[] tiers = { "standard", "standard", "batch", "priority", "flex" };
        for (int u = 0; u < 150 + random.nextInt(150); u++) {
            String unit = random.nextInt(10) == 0 ? null : provider + "-unit-" + u;
            String workload = workloads[random.nextInt(workloads.length)];
            // a fifth of the units around a price change, so that hours holding one are priced call by call
            Instant near = random.nextBoolean() ? change : correctionAt;
            Instant at = random.nextInt(5) == 0 ? near.minusSeconds(random.nextInt(3600))
                    : start.plusSeconds(random.nextLong(monthSeconds - 7200));
            int attempts = 1 + random.nextInt(3);
            for (int a = 0; a < attempts; a++) {
                String kind = a == 0 ? "first_attempt" : KINDS[1 + random.nextInt(KINDS.length - 1)];
                String request = provider + "-req-" + u + "-" + a;
                long input = random.nextInt(25) == 0 ? 100_000 + random.nextInt(150_000)
                        : random.nextInt(10) == 0 ? 1000 + random.nextInt(6000) : 10 + random.nextInt(1500);
                long cacheRead = random.nextInt(3) == 0 ? random.nextLong(input / 2 + 1) : 0;
                long cacheWrite = random.nextInt(5) == 0 ? random.nextLong((input - cacheRead) / 2 + 1) : 0;
                Map<String, String> attributes = random.nextInt(8) == 0
                        ? Map.of(FoldKeys.SAMPLING_WEIGHT_ATTRIBUTE, Integer.toString(2 + random.nextInt(9)))
                        : null;
                CanonicalTrace t = new CanonicalTrace(request, null, null, unit, null, kind,
                        random.nextInt(20) == 0 ? workloads[random.nextInt(workloads.length)] : workload,
                        TEAMS[random.nextInt(TEAMS.length)], null, provider, models[random.nextInt(models.length)],
                        tiers[random.nextInt(tiers.length)], null, null, "proj-" + random.nextInt(2), null, null,
                        at.plusSeconds(a * 60L + random.nextInt(60)), input, cacheRead, cacheWrite,
                        (long) random.nextInt(800), (long) random.nextInt(200), (long) random.nextInt(1500),
                        (long) random.nextInt(6000), null, null, null, attributes);
                traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:" + provider + ":" + request, t));
                if (!"eval_grader".equals(kind) && random.nextBoolean()) {
                    String verdictKind = random.nextBoolean() ? "eval" : "slo";
                    boolean byUnitOnly = unit != null && random.nextInt(4) == 0;
                    outcomes.add(outcome(verdictKind, byUnitOnly ? null : request, byUnitOnly ? unit : null,
                            random.nextInt(4) > 0, null, at.plusSeconds(3600 + random.nextInt(3600))));
                }
                if ("eval_grader".equals(kind) && random.nextInt(3) == 0) {
                    // a final word naming the grader's request: it waits for the grader's call, and counts for the
                    // unit whether the unit's attempts came before the grader or after it
                    outcomes.add(outcome("acceptance", request, null, random.nextBoolean(), null,
                            at.plusSeconds(7200)));
                }
            }
            if (random.nextInt(12) == 0) {
                String request = provider + "-req-" + u + "-0";
                outcomes.add(outcome("escalation", unit == null ? request : null, unit, null,
                        random.nextBoolean() ? new BigDecimal("3.50") : null, at.plusSeconds(7000)));
                if (random.nextInt(3) == 0) { // escalated twice: the earlier case's cost counts
                    outcomes.add(outcome("escalation", unit == null ? request : null, unit, null,
                            random.nextBoolean() ? new BigDecimal("5.25") : null,
                            at.plusSeconds(random.nextBoolean() ? 6500 : 7500)));
                }
            }
            if (random.nextInt(15) == 0 && unit != null) {
                outcomes.add(outcome("acceptance", null, unit, random.nextBoolean(), null, at.plusSeconds(7100)));
            }
        }
        // duplicates: a tenth of the traces again, and some outcomes again
        List<TraceRecordedV1> delivered = new ArrayList<>(traces);
        for (int i = 0; i < traces.size() / 10; i++) {
            delivered.add(traces.get(random.nextInt(traces.size())));
        }
        Collections.shuffle(delivered, random);
        List<OutcomeRecordedV1> outcomesDelivered = new ArrayList<>(outcomes);
        outcomesDelivered.addAll(outcomes.subList(0, outcomes.size() / 5));
        Collections.shuffle(outcomesDelivered, random);

        // half the outcomes before any trace, the rest after; traces in polls of random size
        int half = outcomesDelivered.size() / 2;
        batches.outcomes(MonthFixtures.records(outcomesDelivered.subList(0, half)));
        for (int i = 0; i < delivered.size();) {
            int n = 1 + random.nextInt(200);
            batches.traces(MonthFixtures.records(delivered.subList(i, Math.min(delivered.size(), i + n))));
            i += n;
        }
        // the ledger compacted in the background between the traces and the late verdicts: the run folds the
        // verdicts' appends into compacted rows
        assertEquals(true, compactor.compactAppended() > 0, "seed " + seed + ": nothing compacted");
        batches.outcomes(MonthFixtures.records(outcomesDelivered.subList(half, outcomesDelivered.size())));
        late.forEach(pricing::record); // published after the data was folded
        prices.addAll(late);

        Period period = Period.parse(month.toString());
        Map<String, BigDecimal> invoices = new TreeMap<>();
        invoices.put("proj-0", new BigDecimal(100 + random.nextInt(50)));
        invoices.put("proj-9", new BigDecimal("12.34")); // an invoice without a traced call
        invoices.forEach((project, total) -> given().contentType("application/json")
                .body(Map.of("provider", provider, "billing_account", project, "period", period.label(), "total",
                        total))
                .post("/api/invoices").then().statusCode(200));

        // each named workload with a random acceptance rule and human cost per case
        Map<String, AcceptancePolicy> policies = new HashMap<>();
        Map<String, CostInputs> costInputs = new HashMap<>();
        for (String w : workloads) {
            if (w == null) {
                continue;
            }
            AcceptancePolicy policy = new AcceptancePolicy(random.nextBoolean() ? 500L + random.nextInt(1000) : null,
                    random.nextBoolean() ? 2000L + random.nextInt(4000) : null, random.nextInt(200),
                    random.nextBoolean(), random.nextBoolean());
            policies.put(w, policy);
            Map<String, Object> settings = new HashMap<>();
            settings.put("ttft_slo_ms", policy.ttftSloMs());
            settings.put("e2e_slo_ms", policy.e2eSloMs());
            settings.put("slo_tolerance_ms", policy.sloToleranceMs());
            settings.put("eval_required", policy.evalRequired());
            settings.put("human_signoff_accepted", policy.humanSignoffAccepted());
            given().contentType("application/json").body(settings).put("/api/workloads/" + w).then().statusCode(200);
            CostInputs inputs = new CostInputs(BigDecimal.ZERO, new BigDecimal(random.nextInt(5) + ".25"),
                    BigDecimal.ZERO, BigDecimal.ZERO);
            costInputs.put(w, inputs);
            given().contentType("application/json").body(Map.of("human_cost_per_case", inputs.humanCostPerCase()))
                    .put("/api/workloads/" + w + "/periods/" + period.label() + "/costs").then().statusCode(200);
        }

        ReconciliationRuns.RunView folded = runs.start(period);
        assertEquals("completed", folded.status(), folded.error());
        assertEquals(true, folded.work().hoursSplitAtChanges() > 0, "no hour was read by segment: too easy");
        Map<String, WorkloadLcpr> expected = reference(provider, traces, outcomes, prices, invoices, period, policies,
                costInputs);

        Map<String, LcprComputedV1> actual = new TreeMap<>();
        folded.lcpr().forEach(l -> actual.put(l.workload(), l));
        for (Map.Entry<String, WorkloadLcpr> e : expected.entrySet()) {
            LcprComputedV1 a = actual.get(e.getKey());
            WorkloadLcpr x = e.getValue();
            String w = "seed " + seed + ", workload " + e.getKey() + ": ";
            assertEquals(true, a != null, w + "missing; got " + actual.keySet());
            same(x.inferenceCost(), a.inferenceCost(), w + "inference");
            same(x.evalCost(), a.evalCost(), w + "eval");
            same(x.humanCost(), a.humanCost(), w + "human");
            same(x.delta(), a.delta(), w + "delta");
            same(x.loadedCost(), a.loadedCost(), w + "loaded");
            assertEquals(x.attempted(), a.attemptedUnits(), w + "attempted");
            assertEquals(x.accepted(), a.acceptedUnits(), w + "accepted");
            assertEquals(x.firstAttemptPass(), a.firstAttemptPass(), w + "first-attempt pass");
            assertEquals(x.recovered(), a.recovered(), w + "recovered");
            assertEquals(x.escalated(), a.escalated(), w + "escalated");
            assertEquals(x.unrecovered(), a.unrecovered(), w + "unrecovered");
            assertEquals(x.callsByAttemptKind(), a.callsByAttemptKind(), w + "calls by kind");
            Map<String, BigDecimal> teams = new TreeMap<>();
            x.traceCostByTeam().forEach((k, v) -> teams.put(k, Money.of(v)));
            assertEquals(teams.keySet(), a.traceCostByTeam().keySet(), w + "teams");
            teams.forEach((k, v) -> same(v, a.traceCostByTeam().get(k), w + "team " + k));
        }
        assertEquals(expected.keySet(), actual.keySet(), "seed " + seed + ": workloads");

        // the folded data, lost and rebuilt from the stored calls, is what folding gave
        String foldedData = dump(period);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from usage_hourly where hour >= :s and hour < :e")
                    .setParameter("s", period.start()).setParameter("e", period.end()).executeUpdate();
            em.createNativeQuery("delete from work_unit where final_started_at >= :s and final_started_at < :e")
                    .setParameter("s", period.start()).setParameter("e", period.end()).executeUpdate();
        });
        UsageRebuilds.Rebuild rebuild = rebuilds.start(period);
        Await.until(Duration.ofSeconds(60), "the rebuild", () -> !"running".equals(
                rebuilds.find(rebuild.id()).orElseThrow().status()));
        assertEquals("completed", rebuilds.find(rebuild.id()).orElseThrow().status());
        assertEquals(foldedData, dump(period), "seed " + seed + ": rebuilt folded data");
        assertEquals(true, runs.start(period).existing(), "unchanged inputs after a rebuild: the same run");
    }

    /** The period's hourly rollups and work units as text, in key order. */
    private String dump(Period period) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select string_agg(h::text, ';'"
                + " order by hour, provider, project_id, model, service_tier, workload, team, attempt_kind,"
                + " prompt_class, sampled) from usage_hourly h where hour >= :s and hour < :e")
                .setParameter("s", period.start()).setParameter("e", period.end()).getSingleResult()
                + " | " + em.createNativeQuery("select string_agg(u::text, ';' order by unit_key) from work_unit u"
                        + " where final_started_at >= :s and final_started_at < :e")
                        .setParameter("s", period.start()).setParameter("e", period.end()).getSingleResult());
    }

    /** Every call priced one by one at the entry in force when it started, every unit judged from its calls. */
    private static Map<String, WorkloadLcpr> reference(String provider, List<TraceRecordedV1> traces,
            List<OutcomeRecordedV1> outcomes, List<PricingSnapshotV1> prices, Map<String, BigDecimal> invoices,
            Period period, Map<String, AcceptancePolicy> policies, Map<String, CostInputs> costInputs) {
        PriceHistory history = new PriceHistory();
        prices.forEach(p -> history.add(SnapshotEntries.entry(p)));
        history.alias(provider, "small-latest", "m-small");
        List<CostSlice> slices = new ArrayList<>();
        Map<String, Long> unpriced = new TreeMap<>();
        List<Call> calls = new ArrayList<>();
        Map<String, String> unitOfRequest = new HashMap<>();
        for (TraceRecordedV1 e : traces) {
            CanonicalTrace t = e.trace();
            Call c = new Call(t.requestId(), t.workUnitId(), t.attemptKind(), t.workload(), t.team(), t.provider(),
                    t.projectId(), t.model(), t.serviceTier(), t.startedAt(), t.inputTokens(), t.cacheReadOrZero(),
                    t.cacheCreationOrZero(), t.outputOrZero(), t.reasoningTokens(), t.ttftMs(), t.e2eMs());
            calls.add(c);
            unitOfRequest.put(c.requestId(), c.unitKey());
            int weight = FoldKeys.weight(t);
            Optional<PriceHistory.Quote> q = history.quote(c.provider(), c.model(), c.serviceTier(), null,
                    c.startedAt());
            if (q.isEmpty()) {
                unpriced.merge(c.account(), (long) weight, Long::sum);
            } else {
                slices.add(new CostSlice(c.provider(), c.projectId(), c.workloadOrUnknown(), c.teamOrUnknown(),
                        c.attemptKind(), weight > 1, weight, weight * (c.inputTokens() + c.outputTokens()),
                        q.get().rates().cost(c.usage()).multiply(BigDecimal.valueOf(weight))));
            }
        }
        List<InvoiceTotal> invoiceTotals = new ArrayList<>();
        invoices.forEach((project, total) -> invoiceTotals.add(new InvoiceTotal(provider, project, total)));
        AccountReconciler.Result accounts = AccountReconciler.reconcileSlices(slices, unpriced, invoiceTotals);

        Map<String, List<Verdict>> verdictsByUnit = new HashMap<>();
        for (OutcomeRecordedV1 e : outcomes) {
            Outcome o = e.outcome();
            String unit = o.workUnitId() != null ? o.workUnitId() : unitOfRequest.get(o.requestId());
            verdictsByUnit.computeIfAbsent(unit, k -> new ArrayList<>()).add(new Verdict(o.kind(), o.requestId(),
                    o.workUnitId(), o.passed(), o.humanCost(), o.observedAt()));
        }
        // a unit belongs to the workload and period of its final attempt
        Map<String, List<Call>> attemptsByUnit = new LinkedHashMap<>();
        calls.stream().filter(c -> !c.isGrader())
                .forEach(c -> attemptsByUnit.computeIfAbsent(c.unitKey(), k -> new ArrayList<>()).add(c));
        Map<String, List<Call>> unitCallsByWorkload = new TreeMap<>();
        attemptsByUnit.values().forEach(attempts -> {
            Call last = io.lcpr.reconcile.lcpr.Acceptance.finalAttempt(attempts);
            if (!last.startedAt().isBefore(period.start()) && last.startedAt().isBefore(period.end())) {
                unitCallsByWorkload.computeIfAbsent(last.workloadOrUnknown(), k -> new ArrayList<>()).addAll(
                        attempts.stream().map(c -> new Call(c.requestId(), c.workUnitId(), c.attemptKind(),
                                last.workload(), c.team(), c.provider(), c.projectId(), c.model(), c.serviceTier(),
                                c.startedAt(), c.inputTokens(), c.cacheReadTokens(), c.cacheCreationTokens(),
                                c.outputTokens(), c.reasoningTokens(), c.ttftMs(), c.e2eMs())).toList());
            }
        });

        Map<String, List<CostSlice>> byWorkload = new TreeMap<>();
        slices.forEach(s -> byWorkload.computeIfAbsent(s.workload(), k -> new ArrayList<>()).add(s));
        unitCallsByWorkload.keySet().forEach(w -> byWorkload.computeIfAbsent(w, k -> new ArrayList<>()));
        accounts.deltaByWorkload().keySet().forEach(w -> byWorkload.computeIfAbsent(w, k -> new ArrayList<>()));
        Map<String, WorkloadLcpr> out = new TreeMap<>();
        byWorkload.forEach((w, s) -> {
            CostInputs inputs = costInputs.getOrDefault(w, CostInputs.NONE);
            out.put(w, LcprCalculator.compute(w, s, UnitTally.of(unitCallsByWorkload.getOrDefault(w, List.of()),
                    verdictsByUnit, policies.getOrDefault(w, AcceptancePolicy.DEFAULT), inputs), inputs,
                    accounts.deltaByWorkload().getOrDefault(w, BigDecimal.ZERO)));
        });
        return out;
    }

    private static void same(BigDecimal expected, BigDecimal actual, String what) {
        BigDecimal e = expected == null ? null : Money.of(expected);
        assertEquals(true, e == null ? actual == null : actual != null && e.compareTo(actual) == 0,
                what + ": expected " + e + " but was " + actual);
    }


    static OutcomeRecordedV1 outcome(String kind, String request, String unit, Boolean passed,
            BigDecimal humanCost, Instant at) {
        return new OutcomeRecordedV1(UUID.randomUUID(), at, 1, "test", new Outcome(null, kind, request, unit, null,
                passed, null, null, humanCost, null, null, at));
    }

    private static PricingSnapshotV1 price(String provider, String model, String tier, Instant from, long version,
            String input, String output, Long threshold, String longInput) {
        BigDecimal in = new BigDecimal(input);
        BigDecimal out = new BigDecimal(output);
        BigDecimal half = in.divide(BigDecimal.valueOf(2));
        BigDecimal write = in.multiply(new BigDecimal("1.25"));
        BigDecimal longIn = longInput == null ? null : new BigDecimal(longInput);
        return new PricingSnapshotV1(UUID.randomUUID(), from, 1, "test", UUID.randomUUID(), UUID.randomUUID(),
                version, provider, model, tier, "", from, null, "USD", in, half, write, null, out, null, threshold,
                longIn, null, null, longIn == null ? null : out.multiply(BigDecimal.valueOf(2)), "test", null);
    }
}
