package io.lcpr.reconcile.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicWriter;
import io.lcpr.reconcile.MonthFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Consumption paused and resumed on the running service, against the real broker: held while paused, then applied. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class UsageConsumptionTest {
    private static final String DAY = "2025-02-03"; // no other test's calls start on it

    @Test
    void whatArrivesWhilePausedIsFoldedOnceResumed() throws InterruptedException {
        pause(true).body("paused", equalTo(true)).body("topics.'llm.traces.v1'", equalTo(true))
                .body("topics.'llm.outcomes.v1'", equalTo(true));
        try {
            Thread.sleep(1_000); // a poll handed over before the pause finishes (another test's records)
            long outcomesBefore = usage()[1];
            Instant at = Instant.parse(DAY + "T09:30:00Z");
            String request = "paused-" + System.nanoTime();
            TopicWriter.send(LocalInfraTestResource.bootstrapServers(), Topics.TRACES, request,
                    EventJson.write(MonthFixtures.trace(request, "gpt-4.1-mini", "standard", at)));
            TopicWriter.send(LocalInfraTestResource.bootstrapServers(), Topics.OUTCOMES, request, EventJson.write(
                    MonthFixtures.outcome("eval", request, request, true, null, null, at.plusSeconds(60))));
            // unpaused, the service folds a record within a second of its arrival (the other tests wait on it)
            Thread.sleep(4_000);
            long[] held = usage();
            assertEquals(0, held[0], "no call folded while paused");
            assertEquals(outcomesBefore, held[1], "no outcome recorded while paused");
            pause(false).body("paused", equalTo(false));
            Await.until(Duration.ofSeconds(30), "the held trace and outcome, once resumed",
                    () -> usage()[0] == 1 && usage()[1] >= outcomesBefore + 1);
            assertEquals(1, usage()[0], "folded once");
        } finally {
            pause(false);
        }
    }

    @Test
    void aBodyWithoutPausedIsRefusedWithWhatItTakes() {
        given().contentType("application/json").body("{\"pause\": true}").put("/api/usage/consumption").then()
                .statusCode(400).body(containsString("paused"));
        given().get("/api/usage/consumption").then().statusCode(200).body("paused", equalTo(false));
    }

    private static io.restassured.response.ValidatableResponse pause(boolean paused) {
        return given().contentType("application/json").body("{\"paused\": " + paused + "}")
                .put("/api/usage/consumption").then().statusCode(200);
    }

    /** The day's calls and the outcomes of every period, as /api/usage counts them. */
    private static long[] usage() {
        var usage = given().queryParam("period", DAY).get("/api/usage").then().statusCode(200).extract();
        return new long[] { usage.<Number> path("calls").longValue(), usage.<Number> path("outcomes").longValue() };
    }
}
