package io.lcpr.chargeback.allocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Consumer side of lcpr.computed.v1 and reconciliation.completed.v1 from their golden files (000's month), producer
 * side of chargeback.allocations.monthly.v1 against its golden file: a complete run is a preview and publishes
 * nothing; the month's close is refused while its figures cannot be checked, then forced with a reason and published
 * once per team as CloudEvents; closing again publishes nothing, re-publishing sends the same ids, and a correction
 * after a new run publishes corrections only.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class ChargebackServiceTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    @Test
    void aMonthIsPublishedOnceWhenClosedAndCorrectedNeverEdited() throws Exception {
        String lcpr = Goldens.read(Topics.LCPR_COMPUTED);
        String completed = Goldens.read(Topics.RECONCILIATION_COMPLETED);
        LcprComputedV1 golden = EventJson.read(lcpr, LcprComputedV1.class);
        String period = golden.period();
        // the run's completion arrives first; the workload it announced arrives later, then both again
        TopicWriter.send(bootstrap(), Topics.RECONCILIATION_COMPLETED, "k", completed);
        TopicWriter.send(bootstrap(), Topics.LCPR_COMPUTED, "support", lcpr);
        TopicWriter.send(bootstrap(), Topics.RECONCILIATION_COMPLETED, "k", completed);
        TopicWriter.send(bootstrap(), Topics.LCPR_COMPUTED, "support", lcpr);
        awaitPreview(period, golden.runId());
        given().queryParam("period", period).get("/api/chargeback/allocations").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].team", equalTo("support-platform"))
                .body("[0].amount", equalTo(18384.0f)).body("[1].team", equalTo("support-tools"));
        assertEquals(0, allocations(golden.runId(), 1, Duration.ofSeconds(3)).size(), "a run is a preview");

        given().contentType("application/json").body(Map.of("mode", "proportional", "chosen_by", "finance@corp"))
                .put("/api/chargeback/periods/" + period + "/policy").then().statusCode(200);
        // ingest and reconcile are not running here: nobody can say the month is whole, so the close is refused
        given().contentType("application/json").body(Map.of("by", "finance@corp"))
                .post("/api/chargeback/periods/" + period + "/close").then().statusCode(409)
                .body("reasons", hasItem(containsString("did not answer whether " + period)))
                .body("reasons", hasItem(containsString("did not answer whether it holds traces of " + period)));
        given().contentType("application/json").body(Map.of("by", "finance@corp", "force_reason",
                "reconcile-service is down for maintenance; April's figures were checked by hand"))
                .post("/api/chargeback/periods/" + period + "/close").then().statusCode(200)
                .body("version", equalTo(1)).body("published", equalTo(true))
                .body("forcedReason", containsString("checked by hand")).body("overridden.size()", equalTo(2));

        List<ConsumerRecord<String, String>> records = allocations(golden.runId(), 3, Duration.ofSeconds(8));
        assertEquals(2, records.size(), "one event per team");
        ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals("support-platform"))
                .findFirst().orElseThrow();
        GoldenShape.assertSameShape(Topics.ALLOCATIONS_MONTHLY, record.value(), "byWorkload", "modes", "components");
        ObjectNode published = (ObjectNode) EventJson.MAPPER.readTree(record.value());
        ObjectNode expected = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(Topics.ALLOCATIONS_MONTHLY));
        for (ObjectNode o : List.of(published, expected)) {
            // the golden file is a correction (version 2) of a month closed under other inputs: compare the rest
            o.remove(List.of("eventId", "occurredAt", "version", "corrects", "correctionReason", "modes", "variance",
                    "components", "reserveContribution", "incidentCredit", "net", "transfers", "transferNet",
                    "trainingCharge", "capacity", "incidentCredits"));
        }
        GoldenShape.assertSameFigures(expected, published, "the golden allocation, figure for figure");
        TeamAllocationV1 allocation = EventJson.read(record.value(), TeamAllocationV1.class);
        assertEquals(0, golden.loadedCost().compareTo(allocation.totalAllocated()));
        BigDecimal sum = records.stream().map(r -> EventJson.read(r.value(), TeamAllocationV1.class).amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, golden.loadedCost().compareTo(sum), "the teams' amounts add up to the loaded cost");
        BigDecimal components = allocation.components().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("18384.00").compareTo(components), "what its usage consumed, by component");
        assertEquals(TeamAllocationV1.CLOUDEVENT_TYPE, header(record, "ce_type"));
        assertEquals(allocation.eventId().toString(), header(record, "ce_id"));
        assertEquals("support-platform", header(record, "ce_subject"));
        assertEquals(TeamAllocationV1.DATASCHEMA, header(record, "ce_dataschema"));
        assertEquals("1.0", header(record, "ce_specversion"));
        Set<String> ids = records.stream().map(r -> header(r, "ce_id")).collect(Collectors.toSet());

        // closing again publishes nothing; re-publishing sends the same ids
        given().contentType("application/json").body(Map.of("by", "someone-else"))
                .post("/api/chargeback/periods/" + period + "/close").then().statusCode(200)
                .body("published", equalTo(false)).body("by", equalTo("finance@corp"));
        assertEquals(2, allocations(golden.runId(), 3, Duration.ofSeconds(3)).size(), "closing twice adds nothing");
        given().post("/api/chargeback/periods/" + period + "/republish").then().statusCode(200);
        List<ConsumerRecord<String, String>> again = allocations(golden.runId(), 4, Duration.ofSeconds(10));
        assertEquals(4, again.size());
        assertEquals(ids, again.stream().map(r -> header(r, "ce_id")).collect(Collectors.toSet()),
                "a re-publication carries the same ids");

        // a new run of the month moves the tools team's usage: the correction names only what moved
        UUID rerun = UUID.randomUUID();
        ObjectNode moved = (ObjectNode) EventJson.MAPPER.readTree(lcpr);
        moved.put("eventId", UUID.randomUUID().toString()).put("runId", rerun.toString()).put("loadedCost", 19200);
        ObjectNode rerunCompleted = (ObjectNode) EventJson.MAPPER.readTree(completed);
        rerunCompleted.put("eventId", UUID.randomUUID().toString()).put("runId", rerun.toString());
        TopicWriter.send(bootstrap(), Topics.LCPR_COMPUTED, "support", moved.toString());
        TopicWriter.send(bootstrap(), Topics.RECONCILIATION_COMPLETED, "k", rerunCompleted.toString());
        awaitPreview(period, rerun);
        given().contentType("application/json").body(Map.of("by", "finance@corp"))
                .post("/api/chargeback/periods/" + period + "/corrections").then().statusCode(400)
                .body("error", containsString("reason"));
        given().contentType("application/json").body(Map.of("by", "finance@corp", "reason",
                "the April invoice was reissued")).post("/api/chargeback/periods/" + period + "/corrections").then()
                .statusCode(200).body("version", equalTo(2)).body("statements.size()", equalTo(2));
        List<ConsumerRecord<String, String>> corrections = allocations(rerun, 3, Duration.ofSeconds(8));
        assertEquals(2, corrections.size(), "both teams' amounts moved: two corrections");
        for (ConsumerRecord<String, String> c : corrections) {
            TeamAllocationV1 correction = EventJson.read(c.value(), TeamAllocationV1.class);
            assertEquals(2, correction.version());
            assertTrue(ids.contains(correction.corrects().toString()), "names the event it corrects");
            assertTrue(!ids.contains(correction.eventId().toString()), "a correction has an id of its own");
        }
        given().contentType("application/json").body(Map.of("by", "finance@corp", "reason", "again"))
                .post("/api/chargeback/periods/" + period + "/corrections").then().statusCode(200)
                .body("published", equalTo(false));

        // a team disputes a line; the dispute and its resolution stay with the month
        int dispute = given().contentType("application/json").body(Map.of("team", "support-tools", "line",
                "support", "reason", "our retries were the provider's outage", "raised_by", "tools-lead"))
                .post("/api/chargeback/periods/" + period + "/disputes").then().statusCode(200).extract().path("id");
        given().contentType("application/json").body(Map.of("resolution", "credited next month", "resolved_by",
                "finance@corp")).put("/api/chargeback/periods/" + period + "/disputes/" + dispute).then()
                .statusCode(200).body("resolvedBy", equalTo("finance@corp"));
        given().contentType("application/json").body(Map.of("team", "x", "line", "y", "reason", "z", "raised_by",
                "w")).post("/api/chargeback/periods/2031-09/disputes").then().statusCode(409);
    }

    private static void awaitPreview(String period, UUID run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var r = given().get("/api/chargeback/periods/" + period + "/modes");
            if (r.statusCode() == 200 && run.toString().equals(r.path("runId"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + run + " never became " + period + "'s preview");
    }

    private static List<ConsumerRecord<String, String>> allocations(UUID run, int atLeast, Duration wait) {
        return TopicReader.await(bootstrap(), Topics.ALLOCATIONS_MONTHLY, r -> r.value().contains(run.toString()),
                atLeast, wait);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
