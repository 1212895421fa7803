package io.lcpr.reconcile.margin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.ReconciliationCompletedV1.AccountReconciliation;
import io.lcpr.events.RevenueTermV1;
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
 * 000's month ("Trace Autopsy"): 100,000 support requests with retries, repairs and a graded sample on the eval
 * account; eval verdicts and 500-odd escalations; the provider's daily FOCUS bill, which also carries a usage line
 * for a model the trace pipeline never saw; $2 per escalated case, $2,500 of ops, $45,000 of monthly revenue. The
 * expected figures are computed here from the calls, verdicts and lines as sent.
 *
 * <p>The article: trace $14,200, invoice $14,850, delta $650 (4.4%, trusted), eval $800, human 500 x $2, ops
 * $2,500, loaded $19,150, 82,000 accepted, LCPR $0.234, margin 57.4% loaded vs 68.4% naive. This month's calls are
 * drawn at random around the article's shape (about $0.14 a request), so the suite's figures land near, not on,
 * the printed ones; the test holds them to the arithmetic of DESIGN.md and logs both.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class Month000Test {
    private static final Logger LOG = Logger.getLogger(Month000Test.class);
    static final String PROVIDER = "p000";
    static final String SUPPORT = "org-main";
    static final String EVAL = "org-eval";
    static final Period MONTH = Period.parse("2035-03");
    static final Instant FROM = Instant.parse("2035-01-01T00:00:00Z");
    // 000's rates: $1.80 / $8.00 per million input / output, cache reads at half the input price
    static final Rates RATES = Rates.simple(new BigDecimal("1.80"), new BigDecimal("0.90"), new BigDecimal("1.80"),
            new BigDecimal("8.00"));
    static final Rates GRADER = Rates.simple(new BigDecimal("0.40"), new BigDecimal("0.20"), new BigDecimal("0.40"),
            new BigDecimal("1.60"));

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;

    @Test
    void theMonthReconcilesTrustedAndItsMarginsFollowFromTheLoadedCost() throws Exception {
        pricing.record(MonthFixtures.price(PROVIDER, "support-llm", "standard", RATES, FROM));
        pricing.record(MonthFixtures.price(PROVIDER, "grader-llm", "standard", GRADER, FROM));
        pricing.record(new RevenueTermV1(UUID.randomUUID(), FROM, 1, "test", UUID.randomUUID(), "support", null,
                Revenue.FIXED_MONTHLY, new BigDecimal("45000"), "USD", FROM, null));

        Random random = new Random(0);
        Map<LocalDate, BigDecimal> supportByDay = new TreeMap<>();
        Map<LocalDate, BigDecimal> evalByDay = new TreeMap<>();
        BigDecimal trace = BigDecimal.ZERO;
        BigDecimal eval = BigDecimal.ZERO;
        long accepted = 0;
        long escalated = 0;
        List<TraceRecordedV1> traces = new ArrayList<>(120_000);
        List<OutcomeRecordedV1> outcomes = new ArrayList<>(110_000);
        for (int u = 0; u < 100_000; u++) {
            String unit = "m000-t-" + u;
            Instant at = MONTH.start().plusSeconds(random.nextLong(31L * 86_400 - 900));
            int attempts = random.nextInt(1000) < 62 ? 2 : 1;
            String kind2 = random.nextInt(6) == 0 ? "repair" : "retry";
            String last = null;
            for (int a = 0; a < attempts; a++) {
                long input = 30_000 + random.nextInt(20_000);
                long read = random.nextInt(4) == 0 ? random.nextLong(input / 2) : 0;
                long output = 6_000 + random.nextInt(5_500);
                Instant when = at.plusSeconds(a * 60L);
                last = unit + "-" + a;
                traces.add(trace(last, unit, a == 0 ? "first_attempt" : kind2, SUPPORT, "support-llm", when, input,
                        read, output));
                BigDecimal cost = RATES.cost(new Rates.Usage(input, read, 0, output, 0));
                trace = trace.add(cost);
                supportByDay.merge(LocalDate.ofInstant(when, ZoneOffset.UTC), cost, BigDecimal::add);
            }
            if (random.nextInt(10) == 0) {
                long input = 40_000 + random.nextInt(40_000);
                long output = 500 + random.nextInt(1_500);
                Instant when = at.plusSeconds(600);
                traces.add(trace(unit + "-grade", unit, "eval_grader", EVAL, "grader-llm", when, input, 0, output));
                BigDecimal cost = GRADER.cost(new Rates.Usage(input, 0, 0, output, 0));
                eval = eval.add(cost);
                evalByDay.merge(LocalDate.ofInstant(when, ZoneOffset.UTC), cost, BigDecimal::add);
            }
            int roll = random.nextInt(1000);
            if (roll < 5) {
                escalated++;
                outcomes.add(MonthFixtures.outcome("escalation", null, unit, null, null, null, at.plusSeconds(3_600)));
            } else {
                boolean passed = roll < 825;
                accepted += passed ? 1 : 0;
                outcomes.add(MonthFixtures.outcome("eval", last, unit, passed, null, null, at.plusSeconds(700)));
            }
        }
        for (int i = 0; i < traces.size(); i += 2_000) {
            batches.traces(MonthFixtures.records(traces.subList(i, Math.min(traces.size(), i + 2_000))));
        }
        for (int i = 0; i < outcomes.size(); i += 2_000) {
            batches.outcomes(MonthFixtures.records(outcomes.subList(i, Math.min(outcomes.size(), i + 2_000))));
        }

        // the daily bills, to the cent per line, as providers write them; plus a batch-embedding job nobody traced
        BigDecimal untraced = new BigDecimal("647.31");
        MonthFixtures.FocusBill bill = new MonthFixtures.FocusBill("P000", "2035-03-01")
                .daily(supportByDay, SUPPORT, "support-llm")
                .line(untraced, SUPPORT, LocalDate.parse("2035-03-17"), "embed-batch");
        BigDecimal invoice = bill.total();
        bill.daily(evalByDay, EVAL, "grader-llm").post();
        given().contentType("application/json").body(Map.of("eval_required", true)).put("/api/workloads/support")
                .then().statusCode(200);
        given().contentType("application/json").body(Map.of("human_cost_per_case", 2, "ops_cost", 2500))
                .put("/api/workloads/support/periods/" + MONTH.label() + "/costs").then().statusCode(200);

        ReconciliationRuns.RunView run = runs.start(MONTH);
        assertEquals("completed", run.status(), run.error());
        ReconciliationCompletedV1 completed = MonthFixtures.reconciliation(run.runId());
        AccountReconciliation main = completed.accounts().stream().filter(a -> a.billingAccount().equals(SUPPORT))
                .findFirst().orElseThrow();
        AccountReconciliation evalAccount = completed.accounts().stream()
                .filter(a -> a.billingAccount().equals(EVAL)).findFirst().orElseThrow();
        BigDecimal delta = invoice.subtract(trace);
        assertEquals(0, Money.of(trace).compareTo(main.traceDerivedCost()));
        assertEquals(0, invoice.compareTo(main.invoiceTotal()));
        assertEquals(0, Money.of(delta).compareTo(main.delta()));
        assertEquals(0, delta.multiply(BigDecimal.valueOf(100)).divide(invoice, 4, RoundingMode.HALF_UP)
                .compareTo(main.deltaPct()), "against the invoice, as 000's 4.4%");
        assertEquals("trusted", main.status());
        assertEquals(0, untraced.compareTo(main.buckets().stream()
                .filter(b -> b.bucket().equals("provider_usage_without_trace")).findFirst().orElseThrow().amount()));

        LcprComputedV1 lcpr = EventJson.read(given().queryParam("period", MONTH.label())
                .queryParam("workload", "support").get("/api/lcpr").then().statusCode(200).extract().asString(),
                LcprComputedV1.class);
        BigDecimal evalDelta = evalAccount.delta(); // the grader bill rounded to the cent per day
        BigDecimal loaded = trace.add(eval).add(BigDecimal.valueOf(2 * escalated)).add(new BigDecimal("2500"))
                .add(delta).add(evalDelta);
        assertEquals(0, Money.of(loaded).compareTo(lcpr.loadedCost()), lcpr.toString());
        assertEquals(accepted, lcpr.acceptedUnits());
        assertEquals(100_000, lcpr.attemptedUnits());
        assertEquals(0, Money.of(loaded.divide(BigDecimal.valueOf(accepted), 6, RoundingMode.HALF_UP))
                .compareTo(lcpr.lcpr()));
        BigDecimal revenue = new BigDecimal("45000");
        assertEquals(0, revenue.compareTo(lcpr.revenue()));
        assertEquals(0, revenue.subtract(Money.of(loaded)).multiply(BigDecimal.valueOf(100))
                .divide(revenue, 4, RoundingMode.HALF_UP).compareTo(lcpr.loadedMarginPct()));
        assertEquals(0, revenue.subtract(Money.of(trace)).multiply(BigDecimal.valueOf(100))
                .divide(revenue, 4, RoundingMode.HALF_UP).compareTo(lcpr.naiveMarginPct()));
        assertTrue(lcpr.loadedMarginPct().compareTo(lcpr.naiveMarginPct()) < 0, "the loaded margin is the lower");
        LOG.infof("000's month as the suite computes it: trace %s, invoice %s, delta %s (%s%%, %s), eval %s, human %s,"
                + " ops 2500, loaded %s, %d accepted of 100000, LCPR %s, margin %s%% loaded vs %s%% naive (article:"
                + " 14,200 / 14,850 / 650 (4.4%%) / 800 / 1,000 / 2,500 / 19,150 / 82,000 / 0.234 / 57.4%% vs 68.4%%)",
                main.traceDerivedCost(), main.invoiceTotal(), main.delta(), main.deltaPct(), main.status(),
                lcpr.evalCost(), lcpr.humanCost(), lcpr.loadedCost(), accepted, lcpr.lcpr(), lcpr.loadedMarginPct(),
                lcpr.naiveMarginPct());
    }

    private static TraceRecordedV1 trace(String request, String unit, String kind, String project, String model,
            Instant at, long input, long read, long output) {
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:p000:" + request,
                new CanonicalTrace(request, null, null, unit, null, kind, "support", "support-platform", null,
                        PROVIDER, model, "standard", null, null, project, null, null, at, input, read, 0L, output, 0L,
                        500L, 3_000L, null, null, null, null));
    }
}
