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
import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.EventJson;
import io.lcpr.infra.Await;

/**
 * Loads the demo data through the services' public APIs only: the 12-request trace of 000 (2026-04-15) and the
 * 1,000-ticket day of 002 (2026-04-16), with the Route B price snapshot, outcomes, workload settings, cost inputs
 * and invoices; then reconciles both days and waits until GraphQL answers with their chargeback.
 */
public final class DemoMonth {
    public static final String TRACE_DAY = "2026-04-15";
    public static final String EXAMPLE_QUERY = "{ lcpr(period: \"" + DenominatorDay.DAY + "\", workload: \""
            + DenominatorDay.WORKLOAD + "\") { loadedCost lcpr naiveCostPerUnit acceptedUnits attemptedUnits } }";
    /** The 12-request day's invoice, what Route B would bill for those calls, rounded to the cent. */
    public static final BigDecimal TRACE_DAY_INVOICE = new BigDecimal("0.09");
    /** The month both days are in: reconciled whole and closed, so chargeback publishes its allocations. */
    public static final String MONTH = TRACE_DAY.substring(0, 7);

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

        progress.accept("Waiting for reconcile-service to consume them from Kafka");
        int outcomes = TwelveRequestTrace.outcomes().size() + DenominatorDay.outcomes().size();
        awaitUsage(reconcile, TRACE_DAY, TwelveRequestTrace.ROWS.size(), outcomes);
        awaitUsage(reconcile, DenominatorDay.DAY, DenominatorDay.traces().size(), outcomes);

        for (String period : List.of(TRACE_DAY, DenominatorDay.DAY, MONTH)) {
            progress.accept("Reconciling " + period);
            Http.postJson(reconcile + "/api/reconciliations", Map.of("period", period)).expect(201);
        }
        progress.accept("Closing " + MONTH + " in chargeback-service (proportional) and publishing it to the teams");
        String chargeback = suite.url("chargeback-service");
        Http.putJson(chargeback + "/api/chargeback/periods/" + MONTH + "/policy", Map.of("mode", "proportional",
                "chosen_by", "demo")).expect(200);
        // the close waits for the month's run to reach chargeback and for reconcile to have folded everything
        Await.until(Duration.ofSeconds(90), "the close of " + MONTH, () -> Http.postJson(chargeback
                + "/api/chargeback/periods/" + MONTH + "/close", Map.of("by", "demo")).status() == 200);
        Await.until(Duration.ofSeconds(90), "GraphQL allocations of " + MONTH, () -> Http.graphql(
                suite.graphqlEndpoint(), "{ allocations(period: \"" + MONTH + "\") { team } }").get("allocations")
                .size() > 0);
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
