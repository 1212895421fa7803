package io.lcpr.reconcile.margin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraProfile;
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
 * 004's multi-workload month: support chat (1.1 calls a ticket), a coding agent (bimodal tasks of 8 or 65 calls),
 * document extraction in the batch tier, nightly eval runs that serve the three, and calls no workload claims, on one
 * provider account and one model, with one bill. Expected figures are computed here from the calls as sent: each
 * workload's LCPR, the eval runs on their own line without a denominator and, in the second view, allocated to the
 * workloads they serve by inference cost; the unknown bucket's share; the coding agent's fanout and the quartiles of
 * its cost per accepted task. The article prints $0.45, $5.71 and $0.13 and an unknown bucket of $1,280 (2.7%); this
 * month is drawn at random in that shape, a tenth of its volume, and the test logs the suite's figures beside them.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class Month004Test {
    private static final Logger LOG = Logger.getLogger(Month004Test.class);
    static final String PROVIDER = "p004";
    static final String ACCOUNT = "acct-004";
    static final Period MONTH = Period.parse("2035-06");
    static final Rates RATES = Rates.simple(new BigDecimal("3"), new BigDecimal("0.3"), new BigDecimal("3.75"),
            new BigDecimal("15"));
    static final Rates BATCH = RATES.scaled(new BigDecimal("0.5"));
    static final List<String> SERVED = List.of("support-chat", "coding-agent", "doc-extraction");

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;

    final Random random = new Random(4);
    final List<TraceRecordedV1> traces = new ArrayList<>();
    final List<OutcomeRecordedV1> outcomes = new ArrayList<>();
    final Map<String, BigDecimal> inference = new TreeMap<>();
    final Map<String, Long> accepted = new TreeMap<>();
    final Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
    final Map<String, BigDecimal> taskCost = new HashMap<>();
    final Map<String, Boolean> taskAccepted = new HashMap<>();
    final Map<String, BigDecimal> wasted = new TreeMap<>();
    final Map<String, Long> callsByTeam = new TreeMap<>();
    BigDecimal reviewMinutes = BigDecimal.ZERO;
    long agentCalls;
    long agentInput;
    long agentFirstInput;

    @Test
    void eachWorkloadHasItsOwnLcprEvalRunsAreAllocatedAndTheUnknownBucketStandsApart() throws Exception {
        pricing.record(MonthFixtures.price(PROVIDER, "one-model", "standard", RATES,
                Instant.parse("2035-01-01T00:00:00Z")));
        for (int t = 0; t < 3_000; t++) { // support chat: 1.1 calls a ticket
            unit("support-chat", "m004-ticket-" + t, random.nextInt(10) == 0 ? 2 : 1, "standard", 3_000, 400, 89);
        }
        for (int t = 0; t < 400; t++) { // coding agent: simple tasks of 8 calls, complex ones of 65
            unit("coding-agent", "m004-task-" + t, random.nextInt(100) < 70 ? 8 : 65, "standard", 20_000, 1_500, 72);
        }
        for (int d = 0; d < 4_500; d++) { // extraction: one batch call a document
            unit("doc-extraction", "m004-doc-" + d, 1, "batch", 6_000, 800, 93);
        }
        for (int e = 0; e < 500; e++) { // nightly eval runs: no accepted unit of their own
            unit("eval-runs", "m004-eval-" + e, 1, "standard", 8_000, 300, -1);
        }
        for (int u = 0; u < 1_500; u++) { // calls no workload claims
            unit(null, "m004-stray-" + u, 1, "standard", 4_000, 600, -1);
        }
        for (int i = 0; i < traces.size(); i += 1_000) {
            batches.traces(MonthFixtures.records(traces.subList(i, Math.min(traces.size(), i + 1_000))));
        }
        batches.outcomes(MonthFixtures.records(outcomes));

        register("support-chat", "conversational", "ticket", List.of());
        register("coding-agent", "agentic_multi_turn", "task", List.of());
        register("doc-extraction", "batch_offline", "document", List.of());
        register("eval-runs", "eval_run", "eval case", SERVED);
        costs("support-chat", Map.of("eval_other_cost", 48, "human_cost_per_case", 2, "ops_cost", 80,
                "review_rate_per_hour", 42));
        costs("coding-agent", Map.of("eval_other_cost", 120, "ops_cost", 60));
        costs("doc-extraction", Map.of("eval_other_cost", 12, "ops_cost", 30, "ops_share_of_team", "batch-platform"));
        costs("eval-runs", Map.of("ops_cost", 20, "ops_share_of_team", "batch-platform"));
        given().contentType("application/json").body(Map.of("amount", 150)).put("/api/teams/batch-platform/periods/"
                + MONTH.label() + "/ops-cost").then().statusCode(200);
        // the bill: the traced cost per day to the cent, and $41.37 of usage nobody traced
        MonthFixtures.FocusBill bill = new MonthFixtures.FocusBill("P004", "2035-06-01").daily(byDay, ACCOUNT,
                "one-model").line(new BigDecimal("41.37"), ACCOUNT, LocalDate.parse("2035-06-20"), null);
        bill.post();
        BigDecimal invoice = bill.total();

        ReconciliationRuns.RunView run = runs.start(MONTH);
        assertEquals("completed", run.status(), run.error());
        ReconciliationCompletedV1 completed = MonthFixtures.reconciliation(run.runId());
        Map<String, LcprComputedV1> lcpr = new TreeMap<>();
        run.lcpr().forEach(l -> lcpr.put(l.workload(), l));

        BigDecimal traced = inference.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal delta = invoice.subtract(traced);
        Map<String, BigDecimal> evalOther = Map.of("support-chat", new BigDecimal("48"), "coding-agent",
                new BigDecimal("120"), "doc-extraction", new BigDecimal("12"), "eval-runs", BigDecimal.ZERO);
        long batchCalls = callsByTeam.get("batch-platform|doc-extraction") + callsByTeam.get("batch-platform|eval-runs");
        Map<String, BigDecimal> ops = Map.of("support-chat", new BigDecimal("80"), "coding-agent", new BigDecimal("60"),
                "doc-extraction", new BigDecimal("30").add(new BigDecimal("150").multiply(BigDecimal.valueOf(
                        callsByTeam.get("batch-platform|doc-extraction"))).divide(BigDecimal.valueOf(batchCalls), 10,
                                RoundingMode.HALF_UP)),
                "eval-runs", new BigDecimal("20").add(new BigDecimal("150").multiply(BigDecimal.valueOf(
                        callsByTeam.get("batch-platform|eval-runs"))).divide(BigDecimal.valueOf(batchCalls), 10,
                                RoundingMode.HALF_UP)));
        // review minutes at $42 an hour; the support chat's human cost per case applies to no escalation here
        Map<String, BigDecimal> human = Map.of("support-chat", reviewMinutes.multiply(new BigDecimal("42"))
                .divide(BigDecimal.valueOf(60), 10, RoundingMode.HALF_UP));
        Map<String, BigDecimal> loaded = new TreeMap<>();
        for (String w : inference.keySet()) {
            BigDecimal share = delta.multiply(inference.get(w)).divide(traced, 10, RoundingMode.HALF_UP);
            loaded.put(w, inference.get(w).add(evalOther.getOrDefault(w, BigDecimal.ZERO))
                    .add(ops.getOrDefault(w, BigDecimal.ZERO)).add(human.getOrDefault(w, BigDecimal.ZERO)).add(share));
        }
        close(human.get("support-chat"), lcpr.get("support-chat").humanCost(), "review minutes at the rate");
        close(ops.get("doc-extraction"), lcpr.get("doc-extraction").opsCost(), "a share of the team's ops cost");
        close(wasted.get("support-chat"), lcpr.get("support-chat").wastedCost(), "retries are the waste");
        close(wasted.get("support-chat").divide(BigDecimal.valueOf(accepted.get("support-chat")), 10,
                RoundingMode.HALF_UP), lcpr.get("support-chat").wastedCostPerAccepted(), "waste per accepted");
        BigDecimal servedInference = SERVED.stream().map(inference::get).reduce(BigDecimal.ZERO, BigDecimal::add);
        for (String w : SERVED) {
            LcprComputedV1 l = lcpr.get(w);
            close(loaded.get(w), l.loadedCost(), w + " loaded");
            assertEquals(accepted.get(w), l.acceptedUnits(), w);
            close(loaded.get(w).divide(BigDecimal.valueOf(accepted.get(w)), 10, RoundingMode.HALF_UP), l.lcpr(),
                    w + " LCPR");
            BigDecimal share = loaded.get("eval-runs").multiply(inference.get(w)).divide(servedInference, 10,
                    RoundingMode.HALF_UP);
            close(share, l.evalRunAllocated(), w + " eval runs allocated");
            close(loaded.get(w).add(share).divide(BigDecimal.valueOf(accepted.get(w)), 10, RoundingMode.HALF_UP),
                    l.lcprWithEvalRuns(), w + " LCPR with eval runs");
        }
        LcprComputedV1 evalRuns = lcpr.get("eval-runs");
        assertNull(evalRuns.lcpr(), "an eval run has no denominator");
        assertEquals("eval_run", evalRuns.workloadClass());
        close(loaded.get("eval-runs"), evalRuns.loadedCost(), "eval runs on their own line");
        close(loaded.get("eval-runs").negate(), evalRuns.evalRunAllocated(), "and given away in the second view");

        close(loaded.get("unknown"), completed.unknownLoadedCost(), "the unknown bucket");
        BigDecimal total = loaded.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        close(total, completed.totalLoadedCost(), "total loaded");
        assertEquals(0, loaded.get("unknown").multiply(BigDecimal.valueOf(100)).divide(total, 4, RoundingMode.HALF_UP)
                .compareTo(completed.unknownSharePct()), "unknown share % (4 decimals)");

        LcprComputedV1 agent = lcpr.get("coding-agent");
        List<BigDecimal> costs = new ArrayList<>();
        taskCost.forEach((task, cost) -> {
            if (taskAccepted.get(task)) {
                costs.add(cost);
            }
        });
        costs.sort(null);
        close(BigDecimal.valueOf(agentCalls).divide(BigDecimal.valueOf(400), 4, RoundingMode.HALF_UP),
                agent.callsPerTask(), "calls per task");
        close(BigDecimal.valueOf(agentInput).divide(BigDecimal.valueOf(agentFirstInput), 4, RoundingMode.HALF_UP),
                agent.tokenFanout(), "token fanout");
        List<BigDecimal> quartiles = List.of(rank(costs, 25), rank(costs, 50), rank(costs, 75));
        for (int q = 0; q < 3; q++) {
            close(quartiles.get(q), agent.costPerAcceptedTaskQuartiles().get(q), "quartile " + (q + 1));
        }
        assertTrue(agent.lcpr().compareTo(lcpr.get("doc-extraction").lcpr().multiply(BigDecimal.TEN)) > 0,
                "the agent's LCPR is many times the extraction's (44x in 004)");
        var registered = io.lcpr.infra.TopicReader.await(io.lcpr.infra.LocalInfraTestResource.bootstrapServers(),
                io.lcpr.events.Topics.WORKLOADS, r -> "coding-agent".equals(r.key()), 1, java.time.Duration.ofSeconds(30));
        io.lcpr.events.WorkloadRegisteredV1 agentEntry = EventJson.read(registered.get(registered.size() - 1).value(),
                io.lcpr.events.WorkloadRegisteredV1.class);
        assertEquals("agentic_multi_turn", agentEntry.workloadClass());
        assertEquals("task", agentEntry.unitName());
        LOG.infof("004's month as the suite computes it: LCPR support %s, coding agent %s, extraction %s (article 0.45,"
                + " 5.71, 0.13); with eval runs allocated %s, %s, %s; unknown %s = %s%% of %s (article $1,280 ="
                + " 2.7%%); agent: %s calls a task, token fanout %s, cost per accepted task quartiles %s",
                lcpr.get("support-chat").lcpr(), agent.lcpr(), lcpr.get("doc-extraction").lcpr(),
                lcpr.get("support-chat").lcprWithEvalRuns(), agent.lcprWithEvalRuns(),
                lcpr.get("doc-extraction").lcprWithEvalRuns(), completed.unknownLoadedCost(),
                completed.unknownSharePct(), completed.totalLoadedCost(), agent.callsPerTask(), agent.tokenFanout(),
                agent.costPerAcceptedTaskQuartiles());
    }

    /** One work unit of {@code calls} calls; passPct < 0: no verdict (eval runs and strays are not judged). */
    private void unit(String workload, String unit, int calls, String tier, int input, int output, int passPct) {
        Instant at = MONTH.start().plusSeconds(random.nextLong(29L * 86_400));
        String last = null;
        for (int c = 0; c < calls; c++) {
            long in = input / 2 + random.nextInt(input) + (workload != null && workload.equals("coding-agent")
                    ? c * 2_000L : 0); // an agent's context grows call by call
            long read = random.nextInt(3) == 0 ? random.nextLong(in / 2) : 0;
            long out = output / 2 + random.nextInt(output);
            Instant when = at.plusSeconds(c * 30L);
            last = unit + "-" + c;
            traces.add(new TraceRecordedV1(UUID.randomUUID(), when, 1, "test", "req:p004:" + last,
                    new CanonicalTrace(last, null, null, unit, null, kind(workload, c), workload, team(workload),
                            null, PROVIDER, "one-model", tier, null,
                            null, ACCOUNT, null, null, when, in, read, 0L, out, 0L, 300L, 2_000L, null, null, null,
                            null)));
            BigDecimal cost = (tier.equals("batch") ? BATCH : RATES).cost(new Rates.Usage(in, read, 0, out, 0));
            inference.merge(workload == null ? "unknown" : workload, cost, BigDecimal::add);
            if (kind(workload, c).equals("retry")) {
                wasted.merge(workload, cost, BigDecimal::add);
            }
            callsByTeam.merge(team(workload) + "|" + workload, 1L, Long::sum);
            byDay.merge(LocalDate.ofInstant(when, ZoneOffset.UTC), cost, BigDecimal::add);
            if ("coding-agent".equals(workload)) {
                agentCalls++;
                agentInput += in;
                agentFirstInput += c == 0 ? in : 0;
                taskCost.merge(unit, cost, BigDecimal::add);
            }
        }
        if (passPct >= 0) {
            boolean passed = random.nextInt(100) < passPct;
            accepted.merge(workload, passed ? 1L : 0L, Long::sum);
            taskAccepted.put(unit, passed);
            // a support agent reviews one ticket in ten: its minutes come with the verdict
            BigDecimal minutes = "support-chat".equals(workload) && random.nextInt(10) == 0
                    ? BigDecimal.valueOf(1 + random.nextInt(6)) : null;
            if (minutes != null) {
                reviewMinutes = reviewMinutes.add(minutes);
            }
            outcomes.add(MonthFixtures.outcome("eval", last, unit, passed, null, minutes,
                    at.plusSeconds(calls * 30L + 60)));
        }
    }

    private static String kind(String workload, int call) {
        return call > 0 && "support-chat".equals(workload) ? "retry" : "first_attempt";
    }

    /** Extraction and the eval runs are one team's (the batch platform): they share its ops cost by calls. */
    private static String team(String workload) {
        return workload == null ? null
                : workload.equals("doc-extraction") || workload.equals("eval-runs") ? "batch-platform"
                        : "team-" + workload;
    }

    private static void register(String workload, String cls, String unitName, List<String> serves) {
        given().contentType("application/json").body(Map.of("eval_required", true, "workload_class", cls,
                "unit_name", unitName, "owner_team", "team-" + workload, "serves", serves))
                .put("/api/workloads/" + workload).then().statusCode(200);
    }

    private static void costs(String workload, Map<String, Object> costs) {
        given().contentType("application/json").body(costs).put("/api/workloads/" + workload + "/periods/"
                + MONTH.label() + "/costs").then().statusCode(200);
    }

    /** To the micro-dollar the suite publishes (its own rounding of each part may move the last digit by a few). */
    private static void close(BigDecimal expected, BigDecimal actual, String what) {
        assertTrue(actual != null && expected.subtract(actual).abs().compareTo(new BigDecimal("0.00001")) <= 0,
                what + ": expected " + expected + ", was " + actual);
    }

    private static BigDecimal rank(List<BigDecimal> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
