package io.lcpr.reconcile.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.LocalInfraProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** A run that fails is marked failed with its reason, and the service goes on: the next run of the period works. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class ReconciliationRunsTest {
    @Inject
    EntityManager em;

    @Inject
    io.lcpr.reconcile.usage.UsageBatches batches;

    /**
     * What a period close asks before freezing a month: the newest run is current until an input of the period
     * changes (here a trace arrives after the run), and the backlog still to fold is stated per topic.
     */
    @Test
    void theNewestRunIsCurrentUntilAnInputOfThePeriodChanges() {
        String period = "2030-02";
        given().queryParam("period", period).get("/api/reconciliations/freshness").then().statusCode(200)
                .body("current", equalTo(false)).body("newestRun", equalTo(null));
        String run = given().contentType("application/json").body("{\"period\":\"" + period + "\"}")
                .post("/api/reconciliations").then().statusCode(201).extract().path("runId");
        given().queryParam("period", period).get("/api/reconciliations/freshness").then().statusCode(200)
                .body("current", equalTo(true)).body("newestRun", equalTo(run))
                .body("backlog", org.hamcrest.Matchers.hasKey("llm.traces.v1"));
        java.time.Instant at = java.time.Instant.parse("2030-02-11T09:00:00Z");
        batches.traces(io.lcpr.reconcile.MonthFixtures.records(java.util.List.of(new io.lcpr.events.TraceRecordedV1(
                UUID.randomUUID(), at, 1, "test", "req:fresh:1", new io.lcpr.events.CanonicalTrace("fresh-1", null,
                        null, "fresh-unit-1", null, "first_attempt", "w-fresh", "t-fresh", null, "freshco", "m-fresh",
                        "standard", null, null, null, null, null, at, 100L, 0L, 0L, 10L, 0L, 100L, 200L, null, null,
                        null, null)))));
        given().queryParam("period", period).get("/api/reconciliations/freshness").then().statusCode(200)
                .body("current", equalTo(false)).body("newestRun", equalTo(run));
    }

    @Test
    void aFailingRunIsMarkedFailedWithItsReasonAndTheNextRunWorks() {
        String period = "2026-03-09";
        // a price copy that cannot be read: every run fails while it is there
        long broken = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("insert into"
                + " price_version (snapshot_id, version_order, provider, model, service_tier, region, effective_from,"
                + " event) values (:id, 1, 'broken', 'm', 'standard', '', now(), '{not json') returning id")
                .setParameter("id", UUID.randomUUID()).getSingleResult()).longValue());
        String failed = given().contentType("application/json").body("{\"period\":\"" + period + "\"}")
                .post("/api/reconciliations").then().statusCode(500).body("status", equalTo("failed"))
                .body("error", containsString("InvalidEventException")).extract().path("runId");
        given().get("/api/reconciliations/" + failed).then().statusCode(200).body("status", equalTo("failed"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from price_version where id = :id")
                .setParameter("id", broken).executeUpdate());
        given().contentType("application/json").body("{\"period\":\"" + period + "\"}").post("/api/reconciliations")
                .then().statusCode(201).body("status", equalTo("completed"));
    }

    /**
     * A verdict is an input of every run: one arriving (for a unit whose call has not come yet, so only the verdict
     * store changes) makes the next run of an unchanged period a new run naming the one it supersedes.
     */
    @Test
    void aVerdictArrivingMakesTheNextRunANewOne() {
        String period = "2030-03";
        String first = given().contentType("application/json").body("{\"period\":\"" + period + "\"}")
                .post("/api/reconciliations").then().statusCode(201).extract().path("runId");
        given().contentType("application/json").body("{\"period\":\"" + period + "\"}").post("/api/reconciliations")
                .then().statusCode(200).body("runId", equalTo(first)).body("existing", equalTo(true));
        batches.outcomes(io.lcpr.reconcile.MonthFixtures.records(java.util.List.of(io.lcpr.reconcile.MonthFixtures
                .outcome("eval", null, "verdict-ahead-" + UUID.randomUUID(), true, null, null,
                        java.time.Instant.parse("2030-03-05T10:00:00Z")))));
        given().contentType("application/json").body("{\"period\":\"" + period + "\"}").post("/api/reconciliations")
                .then().statusCode(201).body("existing", equalTo(false)).body("supersedes", equalTo(first));
    }
}
