package io.lcpr.ingest.outcome;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.ingest.IngestConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Producer side of llm.outcomes.v1: the golden outcome posted as a client would, published as the golden says. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class OutcomeResourceTest {

    @Test
    void theGoldenOutcomeIsStoredOnceAndPublishedAsItsGoldenFile() throws Exception {
        OutcomeRecordedV1 golden = EventJson.read(Goldens.read(Topics.OUTCOMES), OutcomeRecordedV1.class);
        String run = UUID.randomUUID().toString();
        ObjectNode outcome = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(Topics.OUTCOMES)).get("outcome");
        outcome.put("outcome_id", "eval-" + run);
        outcome.put("work_unit_id", "ticket-" + run);
        String body = EventJson.MAPPER.writeValueAsString(outcome);
        byte[] twice = (body + "\n" + body).getBytes(StandardCharsets.UTF_8);
        given().contentType("application/x-ndjson").body(twice).post("/api/outcomes").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(1));

        var records = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.OUTCOMES,
                r -> r.value().contains(run), 2, Duration.ofSeconds(10));
        assertEquals(1, records.size(), "one outcome, one event");
        assertEquals("ticket-" + run, records.get(0).key(), "keyed by work unit, so a unit's outcomes meet");
        GoldenShape.assertSameShape(Topics.OUTCOMES, records.get(0).value());
        OutcomeRecordedV1 published = EventJson.read(records.get(0).value(), OutcomeRecordedV1.class);
        assertEquals(IngestConfig.PRODUCER, published.producer());
        assertEquals(OutcomeRecordedV1.SCHEMA_VERSION, published.schemaVersion());
        assertEquals(EventJson.read(body, golden.outcome().getClass()), published.outcome());
        assertEquals(golden.outcome().score(), published.outcome().score());
        // the stored row as posted, and its outbox row marked published once the broker had it
        assertEquals(1, LocalInfraTestResource.count("select count(*) from ingest.outcome where outcome_id = ?"
                + " and observed_at = ?::timestamptz and score = ?", "eval-" + run,
                golden.outcome().observedAt().toString(), golden.outcome().score()));
        long waiting = -1;
        for (int i = 0; i < 50 && waiting != 0; i++) {
            waiting = LocalInfraTestResource.count("select count(*) from ingest.outbox_message where published_at"
                    + " is null and message_key = ?", "ticket-" + run);
            Thread.sleep(100);
        }
        assertEquals(0, waiting, "the published outcome's outbox row is marked published");
    }

    /**
     * Found by HostileInput: an outcome whose workload was 300 characters, or whose human cost was 1e74, failed its
     * whole chunk with a 500. Now it is refused on its own, naming the field, and the rest is stored.
     */
    @Test
    void anOutcomeOverAColumnsLimitIsRefusedOnItsOwn() {
        String run = UUID.randomUUID().toString();
        String good = "{\"kind\":\"eval\",\"request_id\":\"lim-" + run + "\",\"passed\":true}";
        String longWorkload = "{\"kind\":\"eval\",\"request_id\":\"lim2-" + run + "\",\"passed\":true,"
                + "\"workload\":\"" + "w".repeat(300) + "\"}";
        String hugeCost = "{\"kind\":\"escalation\",\"request_id\":\"lim3-" + run + "\",\"human_cost\":1e74}";
        given().contentType("application/x-ndjson").body((good + "\n" + longWorkload + "\n" + hugeCost)
                .getBytes(StandardCharsets.UTF_8))
                .post("/api/outcomes").then().statusCode(400).body("accepted", equalTo(1))
                .body("errors[0].index", equalTo(1)).body("errors[0].field", equalTo("workload"))
                .body("errors[1].index", equalTo(2)).body("errors[1].field", equalTo("human_cost"));
        assertEquals(1, LocalInfraTestResource.count("select count(*) from ingest.outcome where request_id like ?",
                "%" + run));
    }
}
