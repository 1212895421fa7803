package io.lcpr.reconcile.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.TopicWriter;
import io.lcpr.reconcile.MonthFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The consumer side of the trace, outcome and price contracts, read from their golden files. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class ReconciliationResourceTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    @Test
    void goldenEventsAreConsumedOnceAndReconciled() {
        String period = "2026-04-15";
        String trace = Goldens.read(Topics.TRACES);
        String price = Goldens.read(Topics.PRICING_SNAPSHOTS);
        int outcomesBefore = given().queryParam("period", period).get("/api/usage").then().statusCode(200).extract()
                .path("outcomes"); // counted over every period: other tests' months are in the store too
        TopicWriter.send(bootstrap(), Topics.PRICING_SNAPSHOTS, "k", price);
        TopicWriter.send(bootstrap(), Topics.TRACES, "k", trace, trace); // redelivered: counted once
        TopicWriter.send(bootstrap(), Topics.OUTCOMES, "k", Goldens.read(Topics.OUTCOMES));
        awaitUsage(period, 1, outcomesBefore + 1);

        given().contentType("application/json")
                .body("{\"provider\":\"openai\",\"billing_account\":\"proj-support\",\"period\":\"2026-04-15\",\"total\":0.01}")
                .post("/api/invoices").then().statusCode(200);
        given().contentType("application/json").body("{\"ttft_slo_ms\":800,\"slo_tolerance_ms\":100,\"eval_required\":false}")
                .put("/api/workloads/support").then().statusCode(200);
        String run = given().contentType("application/json").body("{\"period\":\"" + period + "\"}")
                .post("/api/reconciliations").then().statusCode(201)
                .body("reconciliation.accounts[0].status", equalTo("investigate"))
                .body("lcpr[0].workload", equalTo("support"))
                .body("lcpr[0].acceptedUnits", equalTo(1))
                .extract().path("reconciliation.runId");

        // the golden retry: 2,800 uncached input x $1.80 + 290 output x $8.00 per million = $0.00736
        LcprComputedV1 lcpr = EventJson.read(given().queryParam("period", period).queryParam("workload", "support")
                .get("/api/lcpr").then().statusCode(200).extract().asString(), LcprComputedV1.class);
        assertEquals(0, new BigDecimal("0.00736").compareTo(lcpr.inferenceCost()));
        assertEquals(0, new BigDecimal("0.01").compareTo(lcpr.loadedCost()), "delta brings loaded cost to the invoice");
        var published = TopicReader.await(bootstrap(), Topics.LCPR_COMPUTED, r -> r.value().contains(run), 1,
                Duration.ofSeconds(30));
        assertEquals(1, published.size());
        GoldenShape.assertSameShape(Topics.LCPR_COMPUTED, published.get(0).value(), "callsByAttemptKind",
                "costByAttemptKind", "traceCostByTeam");
        assertEquals(lcpr, EventJson.read(published.get(0).value(), LcprComputedV1.class), "served as published");

        var completed = TopicReader.await(bootstrap(), Topics.RECONCILIATION_COMPLETED, r -> r.value().contains(run),
                1, Duration.ofSeconds(30));
        GoldenShape.assertSameShape(Topics.RECONCILIATION_COMPLETED, completed.get(0).value());
        var account = EventJson.read(completed.get(0).value(), ReconciliationCompletedV1.class).accounts().get(0);
        // invoice $0.01 against $0.00736 traced: delta $0.00264, 26.4% of the invoice
        assertEquals(0, new BigDecimal("0.00264").compareTo(account.delta()), account.toString());
        assertEquals(0, new BigDecimal("26.4").compareTo(account.deltaPct()), account.toString());

        // the same inputs again: the same run, nothing published again; the run can be looked up
        given().contentType("application/json").body("{\"period\":\"" + period + "\"}").post("/api/reconciliations")
                .then().statusCode(200).body("runId", equalTo(run)).body("existing", equalTo(true))
                .header("Location", endsWith("/api/reconciliations/" + run));
        given().get("/api/reconciliations/" + run).then().statusCode(200).body("status", equalTo("completed"))
                .body("work.workUnits", equalTo(1)).body("reconciliation.runId", equalTo(run));
        assertEquals(1, TopicReader.await(bootstrap(), Topics.LCPR_COMPUTED, r -> r.value().contains(run), 2,
                Duration.ofSeconds(5)).size(), "one LCPR event for the run, however often it is asked for");
        given().get("/api/reconciliations/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    /** Aliases and contract batch discounts from pricing-service apply here exactly as pricing-service applies them. */
    @Test
    void aliasesAndContractBatchDiscountsArriveFromPricing() {
        TopicWriter.send(bootstrap(), Topics.PRICING_SNAPSHOTS, "k", Goldens.read(Topics.PRICING_SNAPSHOTS));
        TopicWriter.send(bootstrap(), Topics.PRICING_ALIASES, "k", Goldens.read(Topics.PRICING_ALIASES));
        TopicWriter.send(bootstrap(), Topics.PRICING_CONTRACTS, "k", Goldens.read(Topics.PRICING_CONTRACTS));
        java.time.Instant at = java.time.Instant.parse("2026-05-02T10:00:00Z");
        // "support-default" is an alias of gpt-4.1-mini ($1.80 / $8.00): 1,000 in + 100 out = $0.0026;
        // the batch call has no batch price: the contract's 0.45 factor gives $0.00117
        TopicWriter.send(bootstrap(), Topics.TRACES, "k",
                EventJson.write(MonthFixtures.trace("alias-call", "support-default", "standard", at)),
                EventJson.write(MonthFixtures.trace("batch-call", "gpt-4.1-mini", "batch", at.plusSeconds(1))));
        Await.until(Duration.ofSeconds(30), "two calls on 2026-05-02", () -> given().queryParam("period", "2026-05-02")
                .get("/api/usage").then().extract().<Integer> path("calls") >= 2);
        Await.until(Duration.ofSeconds(30), "the alias and the contract", () -> {
            Number cost = given().contentType("application/json").body("{\"period\":\"2026-05-02\"}")
                    .post("/api/reconciliations").then().statusCode(anyOf(is(200), is(201)))
                    .extract().path("lcpr[0].inferenceCost");
            return cost != null && new BigDecimal(cost.toString()).compareTo(new BigDecimal("0.00377")) == 0;
        });
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicWithItsReason() {
        String marker = "not-json-" + System.nanoTime();
        TopicWriter.send(bootstrap(), Topics.TRACES, marker, "{" + marker);
        var dead = TopicReader.await(bootstrap(), Topics.RECONCILE_DLQ, r -> r.value().contains(marker), 1,
                Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        var reason = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains("TraceRecordedV1"),
                "the reason names what could not be read");
    }

    private void awaitUsage(String period, int calls, int outcomes) {
        Await.until(Duration.ofSeconds(30), "reconcile to consume the golden events", () -> {
            var summary = given().queryParam("period", period).get("/api/usage").then().statusCode(200).extract();
            return summary.<Integer> path("calls") >= calls && summary.<Integer> path("outcomes") >= outcomes
                    && summary.<Integer> path("priceVersions") >= 1;
        });
    }
}
