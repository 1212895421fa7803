package io.lcpr.reconcile.margin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.ReconciliationCompletedV1.Margin;
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
 * Margins beyond the workload, from a month of calls by three customer accounts over two workloads owned by two
 * teams: a team's margin is its workloads' revenue against their loaded cost; a customer account's is what its terms
 * bring (a fixed monthly amount; a price per accepted unit of its own units) against its share of each workload's
 * loaded cost, by the trace-derived cost of its calls. Every figure is computed here from the calls as sent.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class TeamAndAccountMarginsTest {
    static final String PROVIDER = "marginco";
    static final Period MONTH = Period.parse("2034-04");
    static final Instant FROM = Instant.parse("2034-01-01T00:00:00Z");
    static final Rates RATES = Rates.simple(new BigDecimal("3"), new BigDecimal("0.3"), new BigDecimal("3.75"),
            new BigDecimal("15"));
    static final List<String> WORKLOADS = List.of("mg-chat", "mg-agent");
    static final List<String> CUSTOMERS = List.of("acme", "globex", "initech");
    static final BigDecimal OPS = new BigDecimal("120");

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;

    @Test
    void teamsAndCustomerAccountsHaveTheirMargins() {
        pricing.record(MonthFixtures.price(PROVIDER, "mg-model", "standard", RATES, FROM));
        pricing.record(term("mg-chat", null, Revenue.FIXED_MONTHLY, "400"));
        pricing.record(term(null, "acme", Revenue.FIXED_MONTHLY, "150"));
        pricing.record(term("mg-agent", "globex", Revenue.PER_ACCEPTED_UNIT, "0.50"));
        given().contentType("application/json").body(Map.of("owner_team", "mg-team-a")).put("/api/workloads/mg-chat")
                .then().statusCode(200);
        given().contentType("application/json").body(Map.of("owner_team", "mg-team-b")).put("/api/workloads/mg-agent")
                .then().statusCode(200);
        given().contentType("application/json").body(Map.of("ops_cost", OPS))
                .put("/api/workloads/mg-chat/periods/" + MONTH.label() + "/costs").then().statusCode(200);

        Random random = new Random(41);
        Map<String, BigDecimal> byWorkload = new TreeMap<>();
        Map<String, BigDecimal> byCustomerWorkload = new TreeMap<>();
        long globexAgentAccepted = 0;
        Map<String, Long> acceptedOf = new TreeMap<>(); // by customer and by workload
        List<TraceRecordedV1> traces = new ArrayList<>();
        List<OutcomeRecordedV1> outcomes = new ArrayList<>();
        for (int u = 0; u < 3000; u++) {
            String workload = WORKLOADS.get(random.nextInt(2));
            String customer = CUSTOMERS.get(random.nextInt(3));
            String unit = "mg-unit-" + u;
            Instant at = MONTH.start().plusSeconds(random.nextLong(30L * 86_400 - 600));
            int calls = workload.equals("mg-agent") ? 2 + random.nextInt(3) : 1;
            String last = null;
            for (int c = 0; c < calls; c++) {
                long input = 500 + random.nextInt(9000);
                long read = random.nextInt(3) == 0 ? random.nextLong(input / 2) : 0;
                long output = 50 + random.nextInt(1500);
                last = unit + "-" + c;
                traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:marginco:" + last,
                        new CanonicalTrace(last, null, null, unit, null, "first_attempt", workload, "ops", customer,
                                PROVIDER, "mg-model", "standard", null, null, "proj-m", null, null,
                                at.plusSeconds(c * 30L), input, read, 0L, output, 0L, 200L, 1500L, null, null, null,
                                null)));
                BigDecimal cost = RATES.cost(new Rates.Usage(input, read, 0, output, 0));
                byWorkload.merge(workload, cost, BigDecimal::add);
                byCustomerWorkload.merge(customer + "|" + workload, cost, BigDecimal::add);
            }
            boolean passed = random.nextInt(10) < 8;
            if (passed) {
                acceptedOf.merge(customer, 1L, Long::sum);
                acceptedOf.merge(workload, 1L, Long::sum);
            }
            if (passed && customer.equals("globex") && workload.equals("mg-agent")) {
                globexAgentAccepted++;
            }
            outcomes.add(MonthFixtures.outcome("eval", last, unit, passed, null, null, at.plusSeconds(300)));
        }
        for (int i = 0; i < traces.size(); i += 500) {
            batches.traces(MonthFixtures.records(traces.subList(i, Math.min(traces.size(), i + 500))));
        }
        for (int i = 0; i < outcomes.size(); i += 500) {
            batches.outcomes(MonthFixtures.records(outcomes.subList(i, Math.min(outcomes.size(), i + 500))));
        }

        ReconciliationRuns.RunView run = runs.start(MONTH);
        assertEquals("completed", run.status(), run.error());
        ReconciliationCompletedV1 completed = MonthFixtures.reconciliation(run.runId());
        Map<String, Margin> margins = completed.margins().stream()
                .collect(Collectors.toMap(m -> m.scope() + ":" + m.name(), m -> m));

        Map<String, BigDecimal> loaded = new TreeMap<>(byWorkload);
        loaded.merge("mg-chat", OPS, BigDecimal::add); // no invoice, no graders, no human cost: inference plus ops
        BigDecimal agentRevenue = new BigDecimal("0.50").multiply(BigDecimal.valueOf(globexAgentAccepted));
        check(margins.get("team:mg-team-a"), new BigDecimal("400"), loaded.get("mg-chat"), byWorkload.get("mg-chat"),
                acceptedOf.get("mg-chat"));
        check(margins.get("team:mg-team-b"), agentRevenue, loaded.get("mg-agent"), byWorkload.get("mg-agent"),
                acceptedOf.get("mg-agent"));
        for (String customer : List.of("acme", "globex")) {
            BigDecimal customerLoaded = BigDecimal.ZERO;
            BigDecimal customerInference = BigDecimal.ZERO;
            for (String w : WORKLOADS) {
                BigDecimal share = byCustomerWorkload.getOrDefault(customer + "|" + w, BigDecimal.ZERO)
                        .divide(byWorkload.get(w), 20, RoundingMode.HALF_UP);
                customerLoaded = customerLoaded.add(loaded.get(w).multiply(share));
                customerInference = customerInference.add(byWorkload.get(w).multiply(share));
            }
            check(margins.get("account:" + customer), customer.equals("acme") ? new BigDecimal("150") : agentRevenue,
                    customerLoaded, customerInference, acceptedOf.get(customer));
        }
        assertTrue(!margins.containsKey("account:initech"), "no term names initech: " + margins.keySet());
        assertTrue(globexAgentAccepted > 100, "globex's accepted agent tasks: " + globexAgentAccepted);
    }

    private static void check(Margin m, BigDecimal revenue, BigDecimal loaded, BigDecimal inference, long accepted) {
        assertNotNull(m);
        assertEquals(accepted, m.acceptedUnits(), m.toString());
        BigDecimal lcpr = loaded.divide(BigDecimal.valueOf(accepted), 12, RoundingMode.HALF_UP);
        assertTrue(Money.of(lcpr).subtract(m.lcpr()).abs().compareTo(new BigDecimal("0.000002")) <= 0,
                "LCPR " + Money.of(lcpr) + " vs " + m);
        assertEquals(0, Money.of(revenue).compareTo(m.revenue()), m.toString());
        assertTrue(Money.of(loaded).subtract(m.loadedCost()).abs().compareTo(new BigDecimal("0.000002")) <= 0,
                "loaded " + Money.of(loaded) + " vs " + m);
        assertTrue(Money.of(inference).subtract(m.inferenceCost()).abs().compareTo(new BigDecimal("0.000002")) <= 0,
                "inference " + Money.of(inference) + " vs " + m);
        BigDecimal pct = revenue.subtract(loaded).multiply(BigDecimal.valueOf(100)).divide(revenue, 4,
                RoundingMode.HALF_UP);
        assertTrue(pct.subtract(m.loadedMarginPct()).abs().compareTo(new BigDecimal("0.0001")) <= 0,
                "loaded margin " + pct + " vs " + m);
        BigDecimal naive = revenue.subtract(inference).multiply(BigDecimal.valueOf(100)).divide(revenue, 4,
                RoundingMode.HALF_UP);
        assertTrue(naive.subtract(m.naiveMarginPct()).abs().compareTo(new BigDecimal("0.0001")) <= 0,
                "naive margin " + naive + " vs " + m);
        assertTrue(m.loadedMarginPct().compareTo(m.naiveMarginPct()) <= 0, "loaded is never the higher: " + m);
    }

    private static RevenueTermV1 term(String workload, String account, String kind, String amount) {
        return new RevenueTermV1(UUID.randomUUID(), FROM, 1, "test", UUID.randomUUID(), workload, account, kind,
                new BigDecimal(amount), "USD", FROM, null);
    }
}
