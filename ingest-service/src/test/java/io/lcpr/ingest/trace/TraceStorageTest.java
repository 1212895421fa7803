package io.lcpr.ingest.trace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Monthly partitions, the two insert paths, and what TracePublisher reads back from the table. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class TraceStorageTest {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String trace(String requestId, String startedAt) {
        return """
                {"request_id":"%s","provider":"openai","model":"gpt-4.1-mini","started_at":"%s",\
                "input_tokens":100,"output_tokens":10}""".formatted(requestId, startedAt);
    }

    static void post(String ndjson, int accepted, int duplicates) {
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/traces")
                .then().statusCode(200).body("accepted", equalTo(accepted)).body("duplicates", equalTo(duplicates));
    }

    String partitionOf(String requestId) {
        return (String) em.createNativeQuery("select tableoid::regclass::text from trace where request_id = :r")
                .setParameter("r", requestId).getSingleResult();
    }

    long stored(String requestId) {
        return ((Number) em.createNativeQuery("select count(*) from trace where request_id = :r")
                .setParameter("r", requestId).getSingleResult()).longValue();
    }

    @Test
    void eachTraceLivesInThePartitionOfItsUtcMonthCreatedOnFirstSight() {
        String run = UUID.randomUUID().toString();
        post(trace(run + "-2025-01", "2025-01-10T12:00:00Z") + "\n" + trace(run + "-2026-04", "2026-04-30T23:30:00+02:00"),
                2, 0);
        assertEquals("trace_2025_01", partitionOf(run + "-2025-01"));
        assertEquals("trace_2026_04", partitionOf(run + "-2026-04"), "21:30 UTC on April 30th is still April");
    }

    @Test
    void theSameCallSeenOnBothSidesOfAMonthBoundaryIsStoredOnce() {
        String run = UUID.randomUUID().toString();
        post(trace(run, "2026-03-31T23:59:50Z"), 1, 0);
        // a second source logged the same request 15 seconds later, in the next month's partition
        post(trace(run, "2026-04-01T00:00:05Z"), 0, 1);
        assertEquals(1, stored(run));
    }

    @Test
    void aChunkMixingStoredAndNewTracesKeepsOnlyTheNewOnesAndPublishesThemOnce() {
        String run = UUID.randomUUID().toString();
        post(trace(run + "-old", "2026-04-15T09:00:00Z"), 1, 0);
        post(trace(run + "-old", "2026-04-15T09:00:00Z") + "\n" + trace(run + "-new", "2026-04-15T09:00:01Z") + "\n"
                + trace(run + "-new", "2026-04-15T09:00:01Z"), 1, 2);
        assertEquals(1, stored(run + "-old"));
        assertEquals(1, stored(run + "-new"));
        var events = TopicReader.await(bootstrap, Topics.TRACES, r -> r.value().contains(run), 2, Duration.ofSeconds(30));
        assertEquals(2, events.size(), "one event per stored trace");
    }

    @Test
    void thePublishedEventCarriesTheStoredTraceFieldForField() throws Exception {
        String run = UUID.randomUUID().toString();
        TraceRecordedV1 golden = EventJson.read(Goldens.read(Topics.TRACES), TraceRecordedV1.class);
        ObjectNode sent = EventJson.MAPPER.valueToTree(golden.trace());
        sent.put("request_id", run); // the rest as in the golden file, but its own chain and workload here
        sent.put("work_unit_id", "wu-" + run);
        sent.put("parent_request_id", "parent-" + run);
        sent.put("workload", "golden-" + run);
        post(EventJson.MAPPER.writeValueAsString(sent), 1, 0);

        var records = TopicReader.await(bootstrap, Topics.TRACES, r -> r.value().contains(run), 1, Duration.ofSeconds(30));
        TraceRecordedV1 published = EventJson.read(records.get(0).value(), TraceRecordedV1.class);
        assertEquals("req:openai:" + run, published.dedupeKey());
        assertEquals(DedupeKey.eventId(published.dedupeKey()), published.eventId());
        assertEquals(TraceService.PRODUCER, published.producer());
        assertEquals(TraceRecordedV1.SCHEMA_VERSION, published.schemaVersion());
        assertEquals(EventJson.MAPPER.treeToValue(sent, io.lcpr.events.CanonicalTrace.class), published.trace());
    }
}
