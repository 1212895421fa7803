package io.lcpr.ingest.batch;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** What waits to be published, as an operator's alerts read it: records in the chunk tables and the oldest's age. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class AdmissionTest {
    @Inject
    Admission admission;

    @Test
    void anUnpublishedOutcomeChunkCountsInTheBacklogAndItsAge() {
        long id = 9_000_000_000L + System.nanoTime() % 1_000_000;
        // five seconds old: recovery leaves it to the live path for another five (recovery-after.ms)
        LocalInfraTestResource.execute("insert into ingest.outcome_chunk (chunk_id, outcomes, created_at)"
                + " values (?, 40000, now() - interval '5 seconds')", id);
        try {
            // counted here and on the service's schedule: a scheduled count that began before the insert may land last
            Await.until(Duration.ofSeconds(4), "the chunk counted with its age", () -> {
                admission.count();
                String metrics = metrics();
                return gauge(metrics, "ingest_unpublished_records") >= 40000
                        && gauge(metrics, "ingest_unpublished_oldest_age_seconds") >= 5;
            });
        } finally {
            LocalInfraTestResource.execute("delete from ingest.outcome_chunk where chunk_id = ?", id);
        }
        Await.until(Duration.ofSeconds(4), "the chunk no longer counted", () -> {
            admission.count();
            return gauge(metrics(), "ingest_unpublished_records") < 40000;
        });
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not exported"));
    }
}
