package io.lcpr.reconcile.invoice;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.ReconciliationCompletedV1.AccountReconciliation;
import io.lcpr.events.ReconciliationCompletedV1.DeltaBucket;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.money.Money;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.reconciliation.ReconciliationRuns;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * 001's pharmacy month (clinical prior-auth drafting): a contract amendment moved the drafting model to a discounted
 * rate; the vendor billed two of the month's line items (uncached input and output) at the old list rate. The month
 * is built the way it would arrive: units with first attempts, schema-repair passes, a graded sample on the grader's
 * own account, eval verdicts, pharmacist sign-offs; FOCUS bills for both accounts. The suite must find the whole
 * delta as a recoverable overcharge on those two lines, keep it out of the loaded cost, and settle the claim with the
 * credit on the next bill.
 *
 * <p>The article's figures: trace $14,127, invoice $15,341, delta $1,214 (8.6% of trace), loaded $19,283, LCPR
 * $0.0882. Its loaded cost adds the schema-repair retries ($1,386) on a line of their own beside a trace-derived
 * cost that already holds every served request, repairs included; under DESIGN.md's rule (C_inference covers first
 * attempts, retries and repairs) they are counted once, so the suite's loaded cost is the trace-derived cost plus
 * eval, human and ops, and the expected figures here are computed from the calls, not printed ones.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class PharmacyMonthTest {
    static final String PROVIDER = "rxai";
    static final String PROD = "rx-prod";
    static final String EVAL = "rx-eval";
    static final Period MAY = Period.parse("2034-05");
    static final Period JUNE = Period.parse("2034-06");
    static final Rates DRAFT = Rates.simple(new BigDecimal("3"), new BigDecimal("0.3"), new BigDecimal("3.75"),
            new BigDecimal("15"));
    static final Rates GRADER = Rates.simple(new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.15"),
            new BigDecimal("0.6"));
    static final Instant FROM = Instant.parse("2034-01-01T00:00:00Z");
    static final BigDecimal CONTRACT = new BigDecimal("0.80");
    static final BigDecimal OPS = new BigDecimal("1761");

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;

    @Test
    void theDeltaIsARecoverableOverchargeOnTwoLinesKeptOutOfLoadedCostAndSettledByTheNextCredit() throws Exception {
        pricing.record(MonthFixtures.price(PROVIDER, "draft-l", "standard", DRAFT, FROM));
        pricing.record(MonthFixtures.price(PROVIDER, "grade-s", "standard", GRADER, FROM));
        Instant amended = Instant.parse("2034-02-01T00:00:00Z");
        pricing.record(new ProviderContractV1(UUID.randomUUID(), amended, 1, "test", UUID.randomUUID(), PROVIDER, PROD,
                "prior-auth amendment", "USD", null, 1, amended, null, null, null, null, null,
                List.of(new ProviderContractV1.Discount("draft-l", "standard", CONTRACT)), List.of(),
                ProviderContractV1.BASIS_TRACE)); // 001 reads its 8.6% against the trace-derived cost

        Random random = new Random(1);
        List<TraceRecordedV1> traces = new ArrayList<>();
        List<OutcomeRecordedV1> outcomes = new ArrayList<>();
        long[] prod = new long[4]; // uncached, cache read, cache write, output: what the bill meters
        long[] eval = new long[4];
        BigDecimal traceList = BigDecimal.ZERO;
        BigDecimal evalCost = BigDecimal.ZERO;
        long accepted = 0;
        long escalated = 0;
        int units = 3_000;
        for (int u = 0; u < units; u++) {
            String unit = "pa-" + u;
            Instant at = MAY.start().plusSeconds(random.nextLong(31L * 86_400 - 600));
            boolean repaired = random.nextInt(1000) < 143; // 14.3% needed a schema-repair pass
            String last = null;
            for (int a = 0; a < (repaired ? 2 : 1); a++) {
                String request = unit + "-" + a;
                long input = 2_000 + random.nextInt(6_000);
                long read = random.nextInt(2) == 0 ? random.nextLong(input / 2) : 0;
                long write = random.nextInt(6) == 0 ? random.nextLong((input - read) / 3) : 0;
                long output = 300 + random.nextInt(900);
                traces.add(trace(request, unit, a == 0 ? "first_attempt" : "repair", PROD, "draft-l",
                        at.plusSeconds(a * 90L), input, read, write, output));
                traceList = traceList.add(DRAFT.cost(new Rates.Usage(input, read, write, output, 0)));
                add(prod, input, read, write, output);
                last = request;
            }
            if (random.nextInt(100) < 12) { // the graded sample, on the grader's own account
                long input = 1_500 + random.nextInt(2_000);
                long output = 50 + random.nextInt(150);
                traces.add(trace(unit + "-grade", unit, "eval_grader", EVAL, "grade-s", at.plusSeconds(300), input,
                        0, 0, output));
                evalCost = evalCost.add(GRADER.cost(new Rates.Usage(input, 0, 0, output, 0)));
                add(eval, input, 0, 0, output);
            }
            boolean passed = random.nextInt(100) < 80;
            outcomes.add(MonthFixtures.outcome("eval", last, unit, passed, null, null, at.plusSeconds(400)));
            if (passed) {
                accepted++;
            } else if (random.nextInt(100) < 70) { // a pharmacist signs the rejected draft off
                escalated++;
                accepted++;
                outcomes.add(MonthFixtures.outcome("escalation", null, unit, null, null, null, at.plusSeconds(3_600)));
                outcomes.add(MonthFixtures.outcome("acceptance", null, unit, true, null, null, at.plusSeconds(3_700)));
            }
        }
        for (int i = 0; i < traces.size(); i += 250) {
            batches.traces(MonthFixtures.records(traces.subList(i, Math.min(traces.size(), i + 250))));
        }
        batches.outcomes(MonthFixtures.records(outcomes));

        // the May statement: four monthly line items per model; uncached input and output still at the list rate
        String[] meters = { "Input Tokens", "Cached Input Tokens", "Cache Write Tokens", "Output Tokens" };
        BigDecimal[] draftList = { DRAFT.inputPerMillion(), DRAFT.cacheReadPerMillion(), DRAFT.cacheWritePerMillion(),
                DRAFT.outputPerMillion() };
        StringBuilder focus = new StringBuilder(
                "BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,"
                        + "ChargeClass,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,ListCost,"
                        + "ProviderName,ServiceName,SkuMeter,x_Model,x_ServiceTier\n");
        BigDecimal overcharge = BigDecimal.ZERO;
        for (int k = 0; k < 4; k++) {
            BigDecimal list = draftList[k].multiply(BigDecimal.valueOf(prod[k])).movePointLeft(6);
            boolean wrongRate = k == 0 || k == 3;
            BigDecimal billed = wrongRate ? list : list.multiply(CONTRACT);
            if (wrongRate) {
                overcharge = overcharge.add(list.subtract(list.multiply(CONTRACT)));
            }
            line(focus, PROD, billed, prod[k], list, meters[k], "draft-l");
        }
        BigDecimal[] graderList = { GRADER.inputPerMillion(), GRADER.cacheReadPerMillion(),
                GRADER.cacheWritePerMillion(), GRADER.outputPerMillion() };
        for (int k = 0; k < 4; k += 3) {
            BigDecimal list = graderList[k].multiply(BigDecimal.valueOf(eval[k])).movePointLeft(6);
            line(focus, EVAL, list, eval[k], list, meters[k], "grade-s");
        }
        given().contentType("text/csv").body(focus.toString()).queryParam("format", "focus")
                .post("/api/invoices/imports").then().statusCode(201);
        given().contentType("application/json").body(Map.of("eval_required", true, "human_signoff_accepted", true))
                .put("/api/workloads/prior-auth").then().statusCode(200);
        given().contentType("application/json").body(Map.of("human_cost_per_case", 2, "ops_cost", OPS))
                .put("/api/workloads/prior-auth/periods/" + MAY.label() + "/costs").then().statusCode(200);

        ReconciliationRuns.RunView run = runs.start(MAY);
        assertEquals("completed", run.status(), run.error());
        AccountReconciliation rx = account(run.runId(), PROD);
        BigDecimal trace = traceList.multiply(CONTRACT);
        assertEquals(0, Money.of(trace).compareTo(rx.traceDerivedCost()), "priced at the contract rate");
        assertEquals(0, Money.of(traceList).compareTo(rx.traceDerivedListCost()), "the list price beside it");
        assertEquals(0, Money.of(overcharge).compareTo(rx.delta()), "the delta is the overcharge");
        DeltaBucket over = rx.buckets().stream().filter(b -> b.bucket().equals("vendor_overcharge")).findFirst()
                .orElseThrow();
        assertEquals(0, Money.of(overcharge).compareTo(over.amount()));
        assertEquals(2, over.evidence().size(), "two line items billed at the wrong rate: " + over.evidence());
        assertTrue(over.evidence().stream().allMatch(e -> e.note().contains("contract rate")), over.evidence()
                .toString());
        assertEquals(0, Money.of(overcharge).compareTo(rx.recoverable()));
        assertEquals(0, rx.deltaPctOfTrace().compareTo(overcharge.multiply(BigDecimal.valueOf(100))
                .divide(trace, 4, RoundingMode.HALF_UP)));
        assertEquals("investigate", rx.status(), "above the 5% threshold, like 001's 8.6%: " + rx.deltaPct());
        assertEquals(0, BigDecimal.ZERO.compareTo(account(run.runId(), EVAL).delta()), "the grader bill matches");

        LcprComputedV1 lcpr = EventJson.read(given().queryParam("period", MAY.label())
                .queryParam("workload", "prior-auth").get("/api/lcpr").then().statusCode(200).extract().asString(),
                LcprComputedV1.class);
        BigDecimal human = BigDecimal.valueOf(2 * escalated);
        BigDecimal loaded = trace.add(evalCost).add(human).add(OPS);
        assertEquals(0, Money.of(loaded).compareTo(lcpr.loadedCost()), "the overcharge is not loaded: " + lcpr);
        assertEquals(0, BigDecimal.ZERO.compareTo(lcpr.delta()));
        assertEquals(accepted, lcpr.acceptedUnits(), "eval-pass plus pharmacist sign-off");
        assertEquals(0, Money.of(loaded.divide(BigDecimal.valueOf(accepted), 6, RoundingMode.HALF_UP))
                .compareTo(lcpr.lcpr()));

        com.fasterxml.jackson.databind.JsonNode claims = claims();
        assertEquals(1, claims.size(), claims.toString());
        assertEquals(0, Money.of(overcharge).compareTo(claims.get(0).get("outstanding").decimalValue()));

        // June's bill carries the credit: it settles May's claim and does not lower June's loaded cost
        String credit = "charge_start,category,amount,description\n2034-06-10,credit,-"
                + Money.of(overcharge).toPlainString() + ",\"billing correction: contract rate, May\"\n";
        given().contentType("text/csv").body(credit).queryParam("format", "csv").queryParam("provider", PROVIDER)
                .queryParam("billing_account", PROD).post("/api/invoices/imports").then().statusCode(201);
        ReconciliationRuns.RunView june = runs.start(JUNE);
        assertEquals("completed", june.status(), june.error());
        AccountReconciliation rxJune = account(june.runId(), PROD);
        assertEquals(0, Money.of(overcharge).negate().compareTo(rxJune.recoverable()), rxJune.toString());
        assertTrue(rxJune.buckets().stream().flatMap(b -> b.evidence().stream())
                .anyMatch(e -> e.note().contains("claim of 2034-05")), rxJune.buckets().toString());
        claims = claims();
        assertEquals(0, BigDecimal.ZERO.compareTo(claims.get(0).get("outstanding").decimalValue()), "settled: " + claims);
    }

    private static com.fasterxml.jackson.databind.JsonNode claims() throws Exception {
        return EventJson.MAPPER.readTree(given().queryParam("provider", PROVIDER).get("/api/claims").then()
                .statusCode(200).extract().asString());
    }

    private AccountReconciliation account(UUID runId, String account) throws Exception {
        ReconciliationCompletedV1 completed = MonthFixtures.reconciliation(runId);
        return completed.accounts().stream().filter(a -> a.billingAccount().equals(account)).findFirst()
                .orElseThrow(() -> new AssertionError("no account " + account + " in " + completed.accounts()));
    }

    private static void line(StringBuilder focus, String account, BigDecimal billed, long tokens, BigDecimal list,
            String meter, String model) {
        focus.append(billed.toPlainString()).append(',').append(account).append(",USD,2034-05-01 00:00:00,")
                .append("2034-06-01 00:00:00,Usage,NULL,2034-05-01 00:00:00,2034-06-01 00:00:00,").append(tokens)
                .append(",Tokens,").append(list.toPlainString()).append(",RxAI,RxAI Models,").append(meter)
                .append(',').append(model).append(",standard\n");
    }

    private static void add(long[] counts, long input, long read, long write, long output) {
        counts[0] += input - read - write;
        counts[1] += read;
        counts[2] += write;
        counts[3] += output;
    }

    private static TraceRecordedV1 trace(String request, String unit, String kind, String project, String model,
            Instant at, long input, long read, long write, long output) {
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:rxai:" + request,
                new CanonicalTrace(request, null, null, unit, null, kind, "prior-auth", "t-clinical", null, PROVIDER,
                        model, "standard", null, null, project, null, null, at, input, read, write, output, 0L, 400L,
                        2_000L, null, null, null, null));
    }
}
