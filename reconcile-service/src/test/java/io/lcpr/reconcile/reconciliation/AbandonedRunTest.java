package io.lcpr.reconcile.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.LocalInfraProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A run left "running" by an instance that died (SIGKILL in the chaos run) must not stand for its inputs forever: once
 * its heartbeat is older than run.abandoned-after.ms it is failed, and the same request starts a new run. A run
 * another live instance is beating for is still that run.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class AbandonedRunTest {
    @Inject
    EntityManager em;

    @Test
    void aRunWhoseInstanceStoppedBeatingIsFailedAndTheInputsRunAgain() {
        String period = "2026-06-03";
        String first = post(period, 201).extract().path("reconciliation.runId");

        pretendRunning(first, Instant.now()); // alive on another instance
        given().get("/api/reconciliations/" + first).then().statusCode(200).body("status", equalTo("running"));
        post(period, 202).body("runId", equalTo(first)).body("existing", equalTo(true));

        pretendRunning(first, Instant.now().minus(10, ChronoUnit.MINUTES)); // that instance was killed mid-run
        String second = post(period, 201).extract().path("reconciliation.runId");
        assertNotEquals(first, second);
        given().get("/api/reconciliations/" + first).then().statusCode(200).body("status", equalTo("failed"))
                .body("error", startsWith("abandoned: no heartbeat since"));
        given().get("/api/reconciliations/" + second).then().statusCode(200).body("status", equalTo("completed"));
    }

    private static io.restassured.response.ValidatableResponse post(String period, int status) {
        return given().contentType("application/json").body("{\"period\":\"" + period + "\"}")
                .post("/api/reconciliations").then().statusCode(status);
    }

    private void pretendRunning(String run, Instant heartbeat) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update ReconciliationRunEntity set status ="
                + " 'running', finishedAt = null, heartbeatAt = :at where id = :id").setParameter("at", heartbeat)
                .setParameter("id", UUID.fromString(run)).executeUpdate());
    }
}
