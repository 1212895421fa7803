package io.lcpr.ingest.outcome;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.publish.ChunkTable;
import io.lcpr.ingest.publish.Publishing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Producer side of llm.outcomes.v1: the golden outcome posted as a client would, published as the golden says. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class OutcomeResourceTest {
    @Inject
    OutcomeRepository repository;
    @Inject
    Publishing publishing;

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
        // the stored row as posted, and its chunk marked published once the broker had it
        assertEquals(1, LocalInfraTestResource.count("select count(*) from ingest.outcome where outcome_id = ?"
                + " and observed_at = ?::timestamptz and score = ?", "eval-" + run,
                golden.outcome().observedAt().toString(), golden.outcome().score()));
        Await.until(Duration.ofSeconds(10), "the live publisher to mark the outcome's chunk published",
                () -> LocalInfraTestResource.count("select count(*) from ingest.outcome o join ingest.outcome_chunk c"
                        + " on c.chunk_id = o.id / " + ChunkTable.CAPACITY + " where o.outcome_id = ?"
                        + " and c.published_at is not null", "eval-" + run) == 1);

        given().contentType("application/x-ndjson").body(twice).post("/api/outcomes").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        assertEquals(1, LocalInfraTestResource.count("select count(*) from ingest.outcome where outcome_id = ?",
                "eval-" + run), "sent again, stored once");
    }

    /**
     * As if the process died right after the commit: a chunk stored without its live publishing is published from the
     * table once older than ingest.publish.recovery-after.ms, as the same event the live path would have sent.
     */
    @Test
    void aChunkCommittedButNeverPublishedLiveIsPublishedFromTheTableOnceOldEnough() throws Exception {
        String run = UUID.randomUUID().toString();
        Outcome posted = EventJson.read(Goldens.read(Topics.OUTCOMES), OutcomeRecordedV1.class).outcome();
        Outcome outcome = new Outcome(null, Outcome.ESCALATION, posted.requestId() + run, null, posted.workload(),
                null, null, null, new BigDecimal("12.5"), new BigDecimal("7"), "handed to a person",
                posted.observedAt());
        StoredOutcome stored = StoredOutcome.of(outcome, Instant.now().truncatedTo(ChronoUnit.MICROS));
        long chunk = QuarkusTransaction.requiringNew().call(() -> {
            long id = repository.nextChunk();
            assertEquals(List.of(stored), repository.insertChunk(id, List.of(stored, stored)), "the first of two");
            repository.recordChunk(id, 1);
            return id;
        });

        publishing.recoverPending();
        assertEquals(1, LocalInfraTestResource.count("select count(*) from ingest.outcome_chunk where chunk_id = ?"
                + " and published_at is null", chunk), "younger than recovery-after.ms: the live path's to publish");

        LocalInfraTestResource.count("with aged as (update ingest.outcome_chunk set created_at = now() - interval"
                + " '1 hour' where chunk_id = ? returning 1) select count(*) from aged", chunk);
        publishing.recoverPending();
        Await.until(Duration.ofSeconds(10), "recovery to mark the chunk published", () -> LocalInfraTestResource.count(
                "select count(*) from ingest.outcome_chunk where chunk_id = ? and published_at is not null", chunk) == 1);
        var records = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.OUTCOMES,
                r -> r.value().contains(outcome.requestId()), 1, Duration.ofSeconds(30));
        assertEquals(outcome.requestId(), records.get(0).key(), "no work unit: keyed by request");
        OutcomeRecordedV1 published = EventJson.read(records.get(0).value(), OutcomeRecordedV1.class);
        assertEquals(stored.event(), published, "read back from the table, the event the live path would send");
        assertEquals(new BigDecimal("12.5"), published.outcome().humanCost(), "12.500000 in the column");
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
