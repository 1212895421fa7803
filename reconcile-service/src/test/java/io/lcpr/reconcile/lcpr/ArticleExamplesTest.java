package io.lcpr.reconcile.lcpr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.demo.DenominatorDay;
import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Outcome;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.reconciliation.AccountReconciler;
import io.lcpr.reconcile.reconciliation.InvoiceTotal;

/** The worked examples of DESIGN.md section 5, through the pure domain, to the cent. */
class ArticleExamplesTest {
    static final Rates ROUTE_B = Rates.simple(new BigDecimal("1.80"), new BigDecimal("0.90"), new BigDecimal("1.80"),
            new BigDecimal("8.00"));

    static Call call(CanonicalTrace t) {
        return new Call(t.requestId(), t.workUnitId(), t.attemptKind(), t.workload(), t.team(), t.provider(),
                t.projectId(), t.model(), t.serviceTier(), t.startedAt(), t.inputTokens(), t.cacheReadOrZero(),
                t.cacheCreationOrZero(), t.outputOrZero(), 0, t.ttftMs(), t.e2eMs());
    }

    static List<PricedCall> price(List<CanonicalTrace> traces) {
        PriceHistory history = new PriceHistory().add(new PriceHistory.Entry("route-b", "openai", "route-b-model",
                "standard", "", java.time.Instant.parse("2026-01-01T00:00:00Z"), null, 1, "USD", ROUTE_B));
        List<PricedCall> priced = new ArrayList<>();
        for (CanonicalTrace t : traces) {
            Call c = call(t);
            Rates rates = history.quote(c.provider(), c.model(), c.serviceTier(), null, c.startedAt()).orElseThrow()
                    .rates();
            priced.add(new PricedCall(c, rates.cost(c.usage())));
        }
        return priced;
    }

    static Map<String, List<Verdict>> verdicts(List<Outcome> outcomes) {
        Map<String, List<Verdict>> byUnit = new HashMap<>();
        outcomes.forEach(o -> byUnit.computeIfAbsent(o.workUnitId(), k -> new ArrayList<>()).add(new Verdict(o.kind(),
                o.requestId(), o.workUnitId(), o.passed(), o.humanCost(), o.observedAt())));
        return byUnit;
    }

    @Test
    void twelveRequestTraceCostsWhatTheTableSays() {
        List<PricedCall> priced = price(TwelveRequestTrace.traces());
        for (int i = 0; i < priced.size(); i++) {
            assertEquals(0, TwelveRequestTrace.handCost(TwelveRequestTrace.ROWS.get(i)).compareTo(priced.get(i).cost()),
                    "row " + (i + 1));
        }
        BigDecimal handTotal = TwelveRequestTrace.ROWS.stream().map(TwelveRequestTrace::handCost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // row 1 by hand: 600 x 1.80 + 1,800 x 0.90 + 220 x 8.00 = 4,460 per million tokens = $0.00446
        assertEquals(new BigDecimal("0.00446"), priced.get(0).cost().stripTrailingZeros());
        assertEquals(0, new BigDecimal("0.08555").compareTo(handTotal));

        AcceptancePolicy policy = AcceptancePolicy.DEFAULT;
        WorkloadLcpr l = LcprCalculator.compute("support", priced, verdicts(TwelveRequestTrace.outcomes()), policy,
                CostInputs.NONE, BigDecimal.ZERO);
        assertEquals(8, l.attempted());
        assertEquals(8, l.accepted());
        assertEquals(5, l.firstAttemptPass());
        assertEquals(3, l.recovered());
        assertEquals(Map.of("first_attempt", 8L, "retry", 2L, "repair", 1L, "eval_grader", 1L), l.callsByAttemptKind());
        assertEquals(0, handTotal.compareTo(l.inferenceCost().add(l.evalCost())));
        assertEquals(new BigDecimal("0.09"), l.loadedCost().setScale(2, RoundingMode.HALF_UP));
        // the teams' usage is their own calls: the grader's cost follows the outputs it graded
        assertEquals(0, l.inferenceCost().compareTo(l.traceCostByTeam().values().stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
        assertEquals(11L, l.callsByTeam().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void theToleranceBandLetsTheRetryOfTicketFourThroughAt850Ms() {
        CanonicalTrace retry = TwelveRequestTrace.traces().get(8); // #9, TTFT 850 ms against an 800 ms SLO
        List<Call> attempts = List.of(call(retry));
        List<Verdict> quality = List.of(new Verdict("eval", retry.requestId(), null, true, null, null));
        assertEquals(UnitResult.FIRST_ATTEMPT_PASS,
                Acceptance.judge(attempts, quality, new AcceptancePolicy(800L, 5000L, 100, true, false)));
        assertEquals(UnitResult.UNRECOVERED,
                Acceptance.judge(attempts, quality, new AcceptancePolicy(800L, 5000L, 0, true, false)));
        assertEquals(UnitResult.UNRECOVERED, Acceptance.judge(attempts, List.of(), AcceptancePolicy.DEFAULT),
                "no eval verdict: the quality gate is not passed");
    }

    @Test
    void anEscalatedUnitIsAcceptedOnlyWhereHumanSignOffCounts() {
        CanonicalTrace first = TwelveRequestTrace.traces().get(0);
        List<Verdict> verdicts = List.of(new Verdict("escalation", null, "ticket-1", null, null, null),
                new Verdict("acceptance", null, "ticket-1", true, null, null));
        assertEquals(UnitResult.ESCALATED, Acceptance.judge(List.of(call(first)), verdicts, AcceptancePolicy.DEFAULT));
        assertEquals(true, Acceptance.judge(List.of(call(first)), verdicts,
                new AcceptancePolicy(null, null, 0, true, true)).accepted());
    }

    @Test
    void denominatorDayLoadsTo14065AndLcpr0172() {
        List<PricedCall> priced = price(DenominatorDay.traces());
        AccountReconciler.Result accounts = AccountReconciler.reconcile(priced, Map.of(), List.of(
                new InvoiceTotal("openai", DenominatorDay.SUPPORT_PROJECT, DenominatorDay.SUPPORT_INVOICE),
                new InvoiceTotal("openai", DenominatorDay.EVAL_PROJECT, DenominatorDay.EVAL_INVOICE)));
        BigDecimal delta = accounts.deltaByWorkload().get(DenominatorDay.WORKLOAD);
        assertEquals(0, new BigDecimal("0.65").compareTo(delta));
        CostInputs inputs = new CostInputs(BigDecimal.ZERO, DenominatorDay.HUMAN_COST_PER_CASE, BigDecimal.ZERO,
                DenominatorDay.OPS_COST);
        WorkloadLcpr l = LcprCalculator.compute(DenominatorDay.WORKLOAD, priced, verdicts(DenominatorDay.outcomes()),
                AcceptancePolicy.DEFAULT, inputs, delta);
        assertEquals(0, new BigDecimal("14.20").compareTo(l.inferenceCost()));
        assertEquals(0, new BigDecimal("0.80").compareTo(l.evalCost()));
        assertEquals(0, new BigDecimal("100.00").compareTo(l.humanCost()));
        assertEquals(0, new BigDecimal("140.65").compareTo(l.loadedCost()));
        assertEquals(new BigDecimal("0.172"), l.lcpr().setScale(3, RoundingMode.HALF_UP));
        assertEquals(new BigDecimal("0.014"), l.naiveCostPerUnit().setScale(3, RoundingMode.HALF_UP));
        assertEquals(1000, l.attempted());
        assertEquals(820, l.accepted());
        assertEquals(750, l.firstAttemptPass());
        assertEquals(70, l.recovered());
        assertEquals(50, l.escalated());
        assertEquals(130, l.unrecovered());
    }

    @Test
    void monthlyReconciliationOf000IsTrustedAt4Point4Percent() {
        CanonicalTrace month = new CanonicalTrace("m", null, null, "wu", null, "first_attempt", "support", "t", null,
                "openai", "route-b-model", "standard", null, null, "org-main", null, null,
                java.time.Instant.parse("2026-04-10T00:00:00Z"), 0L, 0L, 0L, 1_775_000_000L, null, null, null, null,
                null, null, null);
        List<PricedCall> priced = price(List.of(month)); // 1,775M output tokens x $8 = $14,200
        var result = AccountReconciler.reconcile(priced, Map.of(),
                List.of(new InvoiceTotal("openai", "org-main", new BigDecimal("14850"))));
        var account = result.accounts().get(0);
        assertEquals(0, new BigDecimal("14200").compareTo(account.traceDerivedCost()));
        assertEquals(0, new BigDecimal("650").compareTo(account.delta()));
        assertEquals(new BigDecimal("4.4"), account.deltaPct().setScale(1, RoundingMode.HALF_UP));
        assertEquals("trusted", account.status());
    }
}
