package io.lcpr.suite;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.demo.DenominatorDay;
import io.lcpr.demo.ReviewMonths;
import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.EventJson;
import io.lcpr.infra.Await;

/**
 * Loads the demo data through the services' public APIs only: the 12-request trace of 000 (2026-04-15) and the
 * 1,000-ticket day of 002 (2026-04-16), with the Route B price snapshot, outcomes, workload settings, cost inputs
 * and invoices; March and April of three workloads for the review pack (ReviewMonths); then reconciles both days
 * and both months, closes April and waits until GraphQL answers with its chargeback.
 */
public final class DemoMonth {
    public static final String TRACE_DAY = "2026-04-15";
    public static final String EXAMPLE_QUERY = "{ lcpr(period: \"" + DenominatorDay.DAY + "\", workload: \""
            + DenominatorDay.WORKLOAD + "\") { loadedCost lcpr naiveCostPerUnit acceptedUnits attemptedUnits } }";
    /** The 12-request day's invoice, what Route B would bill for those calls, rounded to the cent. */
    public static final BigDecimal TRACE_DAY_INVOICE = new BigDecimal("0.09");
    /** The month both days are in: reconciled whole and closed, so chargeback publishes its allocations. */
    public static final String MONTH = TRACE_DAY.substring(0, 7);
    /** The team whose member token the launcher prints: it owns the support-chat workload. */
    public static final String DEMO_TEAM = ReviewMonths.TEAM.get(ReviewMonths.SUPPORT);

    private final Suite suite;

    public DemoMonth(Suite suite) {
        this.suite = suite;
    }

    public void load(Consumer<String> progress) {
        String pricing = suite.url("pricing-service");
        String ingest = suite.url("ingest-service");
        String reconcile = suite.url("reconcile-service");

        progress.accept("Loading the Route B price snapshot ($1.80 / $0.90 cached / $8.00 per million tokens)");
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("provider", TwelveRequestTrace.PROVIDER);
        snapshot.put("model", TwelveRequestTrace.MODEL);
        snapshot.put("effective_from", "2026-01-01T00:00:00Z");
        snapshot.put("input_per_million", TwelveRequestTrace.INPUT_PER_MILLION);
        snapshot.put("cache_read_per_million", TwelveRequestTrace.CACHE_READ_PER_MILLION);
        snapshot.put("output_per_million", TwelveRequestTrace.OUTPUT_PER_MILLION);
        snapshot.put("source", "002 Route B rate card");
        Http.postJson(pricing + "/api/pricing/snapshots", snapshot).expect(201, 200); // 200: loaded before

        progress.accept("Defining workloads, cost inputs and invoices");
        Http.putJson(reconcile + "/api/workloads/" + TwelveRequestTrace.WORKLOAD, Map.of("eval_required", true))
                .expect(200);
        Http.putJson(reconcile + "/api/workloads/" + DenominatorDay.WORKLOAD, Map.of("eval_required", true))
                .expect(200);
        Http.putJson(reconcile + "/api/workloads/" + DenominatorDay.WORKLOAD + "/periods/" + DenominatorDay.DAY
                + "/costs", Map.of("human_cost_per_case", DenominatorDay.HUMAN_COST_PER_CASE, "ops_cost",
                        DenominatorDay.OPS_COST)).expect(200);
        invoice(reconcile, TwelveRequestTrace.PROJECT, TRACE_DAY, TRACE_DAY_INVOICE);
        invoice(reconcile, DenominatorDay.SUPPORT_PROJECT, DenominatorDay.DAY, DenominatorDay.SUPPORT_INVOICE);
        invoice(reconcile, DenominatorDay.EVAL_PROJECT, DenominatorDay.DAY, DenominatorDay.EVAL_INVOICE);
        // the month's bills: each account was used on one day of it, so the month bills what that day did
        invoice(reconcile, TwelveRequestTrace.PROJECT, MONTH, TRACE_DAY_INVOICE);
        invoice(reconcile, DenominatorDay.SUPPORT_PROJECT, MONTH, DenominatorDay.SUPPORT_INVOICE);
        invoice(reconcile, DenominatorDay.EVAL_PROJECT, MONTH, DenominatorDay.EVAL_INVOICE);

        progress.accept("Sending traces and outcomes: 12 calls on " + TRACE_DAY + ", "
                + DenominatorDay.traces().size() + " calls on " + DenominatorDay.DAY);
        Http.post(ingest + "/api/traces", "application/x-ndjson", ndjson(TwelveRequestTrace.traces())).expect(200);
        Http.post(ingest + "/api/traces", "application/x-ndjson", ndjson(DenominatorDay.traces())).expect(200);
        Http.post(ingest + "/api/outcomes", "application/x-ndjson", ndjson(TwelveRequestTrace.outcomes())).expect(200);
        Http.post(ingest + "/api/outcomes", "application/x-ndjson", ndjson(DenominatorDay.outcomes())).expect(200);

        long[] review = reviewMonths(ingest, reconcile, progress);

        progress.accept("Waiting for reconcile-service to consume them from Kafka");
        long outcomes = TwelveRequestTrace.outcomes().size() + DenominatorDay.outcomes().size() + review[2];
        awaitUsage(reconcile, TRACE_DAY, TwelveRequestTrace.ROWS.size(), outcomes);
        awaitUsage(reconcile, DenominatorDay.DAY, DenominatorDay.traces().size(), outcomes);
        awaitUsage(reconcile, ReviewMonths.MONTHS.get(0), review[0], outcomes);
        awaitUsage(reconcile, MONTH, review[1] + TwelveRequestTrace.ROWS.size() + DenominatorDay.traces().size(),
                outcomes);

        for (String period : List.of(TRACE_DAY, DenominatorDay.DAY, ReviewMonths.MONTHS.get(0), MONTH)) {
            progress.accept("Reconciling " + period);
            Http.postJson(reconcile + "/api/reconciliations", Map.of("period", period)).expect(201);
        }
        forecastApril(reconcile, progress);
        progress.accept("Closing " + MONTH + " in chargeback-service (proportional) and publishing it to the teams");
        String chargeback = suite.url("chargeback-service");
        Http.putJson(chargeback + "/api/chargeback/periods/" + MONTH + "/policy", Map.of("mode", "proportional",
                "chosen_by", "demo")).expect(200);
        // the close waits for the month's run to reach chargeback and for reconcile to have folded everything
        String[] refusal = { "" };
        int[] teams = { 0 };
        Await.until(Duration.ofSeconds(90), () -> "the close of " + MONTH + " (last refusal: " + refusal[0] + ")",
                () -> {
                    Http.Reply close = Http.postJson(chargeback + "/api/chargeback/periods/" + MONTH + "/close",
                            Map.of("by", "demo"));
                    refusal[0] = close.status() + " " + close.body();
                    if (close.status() == 200) {
                        teams[0] = EventJson.read(close.body(), JsonNode.class).get("statements").size();
                    }
                    return close.status() == 200;
                });
        // every team's statement, not just the first, before anyone reads the month from GraphQL
        Await.until(Duration.ofSeconds(90), "GraphQL allocations of " + MONTH + " for " + teams[0] + " teams",
                () -> suite.graphql("{ allocations(period: \"" + MONTH + "\") { team } }")
                        .get("allocations").size() >= teams[0]);
    }

    /** A plan for April made from March: the register, a scenario and a kept forecast (its variance shows in April). */
    private static void forecastApril(String reconcile, Consumer<String> progress) {
        progress.accept("Keeping a forecast of " + MONTH + " from " + ReviewMonths.MONTHS.get(0));
        Http.putJson(reconcile + "/api/forecast/assumptions/demo-volume", Map.of("workload", "*", "component",
                "volume", "value", 1.0, "low", 0.9, "high", 1.15, "basis", "estimated", "source", "product roadmap",
                "owner", "product-ops", "stated_on", "2026-03-31")).expect(200);
        Http.putJson(reconcile + "/api/forecast/assumptions/demo-rag-prefix", Map.of("workload", ReviewMonths.RAG,
                "component", "cache_hit_rate", "value", 0.25, "basis", "estimated", "source", "prefix reorder test",
                "owner", ReviewMonths.TEAM.get(ReviewMonths.RAG), "stated_on", "2026-03-31")).expect(200);
        Http.putJson(reconcile + "/api/forecast/scenarios/demo-april", Map.of("description", "April as planned",
                "assumptions", List.of("demo-volume", "demo-rag-prefix"))).expect(200);
        Http.postJson(reconcile + "/api/forecasts", Map.of("scenario", "demo-april", "base_period",
                ReviewMonths.MONTHS.get(0), "months", 1)).expect(201);
    }

    /**
     * March and April of the review pack's three workloads (ReviewMonths), registered with their owners and ops cost;
     * returns the calls of each month and the outcomes sent.
     */
    private static long[] reviewMonths(String ingest, String reconcile, Consumer<String> progress) {
        long[] counts = new long[3];
        for (String w : List.of(ReviewMonths.SUPPORT, ReviewMonths.RAG, ReviewMonths.CODING)) {
            Http.putJson(reconcile + "/api/workloads/" + w, Map.of("eval_required", true, "owner_team",
                    ReviewMonths.TEAM.get(w))).expect(200);
            for (int m = 0; m < ReviewMonths.MONTHS.size(); m++) {
                String month = ReviewMonths.MONTHS.get(m);
                Http.putJson(reconcile + "/api/workloads/" + w + "/periods/" + month + "/costs", Map.of("ops_cost",
                        ReviewMonths.OPS_COST.get(w))).expect(200);
                ReviewMonths.Month data = ReviewMonths.of(w, month);
                progress.accept("Sending " + w + "'s " + month + ": " + data.traces().size() + " calls, "
                        + data.outcomes().size() + " outcomes");
                for (int i = 0; i < data.traces().size(); i += 2_000) {
                    Http.post(ingest + "/api/traces", "application/x-ndjson", ndjson(data.traces().subList(i,
                            Math.min(data.traces().size(), i + 2_000)))).expect(200);
                }
                Http.post(ingest + "/api/outcomes", "application/x-ndjson", ndjson(data.outcomes())).expect(200);
                counts[m] += data.traces().size();
                counts[2] += data.outcomes().size();
            }
        }
        ReviewMonths.MONTHS.forEach(month -> invoice(reconcile, ReviewMonths.PROJECT, month,
                ReviewMonths.invoice(month)));
        return counts;
    }

    private static void invoice(String reconcile, String account, String period, BigDecimal total) {
        Http.postJson(reconcile + "/api/invoices", Map.of("provider", "openai", "billing_account", account, "period",
                period, "total", total, "source", "demo invoice")).expect(200);
    }

    private static void awaitUsage(String reconcile, String period, long calls, long outcomes) {
        Await.until(Duration.ofSeconds(120), calls + " calls of " + period + " in reconcile-service", () -> {
            JsonNode usage = Http.get(reconcile + "/api/usage?period=" + period).expect(200).json();
            return usage.get("calls").asLong() >= calls && usage.get("outcomes").asLong() >= outcomes
                    && usage.get("priceVersions").asLong() >= 1;
        });
    }

    static String ndjson(List<?> records) {
        return records.stream().map(EventJson::write).collect(Collectors.joining("\n"));
    }
}
