package io.lcpr.ingest.trace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.LocalInfraProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.lcpr.infra.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.lcpr.ingest.trace.publish.CommittedChunk;
import io.lcpr.ingest.publish.Publishing;
import io.lcpr.ingest.IngestConfig;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.lcpr.ingest.trace.store.TracePartitions;
import io.lcpr.ingest.trace.store.DedupeKey;
import io.lcpr.ingest.trace.store.StoredTrace;

/** Monthly partitions, the two insert paths, the live publisher and recovery from the table. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class TraceStorageTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    @Inject
    EntityManager em;

    @Inject
    TraceRepository repository;

    @Inject
    TracePartitions partitions;

    @Inject
    Publishing publishing;

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
        var events = TopicReader.await(bootstrap(), Topics.TRACES, r -> r.value().contains(run), 2, Duration.ofSeconds(30));
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

        var records = TopicReader.await(bootstrap(), Topics.TRACES, r -> r.value().contains(run), 1, Duration.ofSeconds(30));
        TraceRecordedV1 published = EventJson.read(records.get(0).value(), TraceRecordedV1.class);
        assertEquals("req:openai:" + run, published.dedupeKey());
        assertEquals(DedupeKey.eventId(published.dedupeKey()), published.eventId());
        assertEquals(IngestConfig.PRODUCER, published.producer());
        assertEquals(TraceRecordedV1.SCHEMA_VERSION, published.schemaVersion());
        assertEquals(EventJson.MAPPER.treeToValue(sent, io.lcpr.events.CanonicalTrace.class), published.trace());
        Await.until(Duration.ofSeconds(10), "the live publisher to mark the chunk published",
                () -> chunkPublishedAt(run) != null);
    }

    @Test
    void theLivePathMarksEveryChunkItPublishesWithoutRecovery() {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 30; i++) { // one chunk each; acknowledgements race the publisher's loop differently each time
            post(trace(run + "-" + i, "2026-04-15T09:00:00Z"), 1, 0);
        }
        Await.until(Duration.ofSeconds(10), "every chunk marked published", () -> ((Number) em.createNativeQuery(
                "select count(*) from trace t join trace_chunk c on c.chunk_id = t.id / " + TraceRepository.CHUNK_CAPACITY
                        + " where t.request_id like :r and c.published_at is not null").setParameter("r", run + "-%")
                .getSingleResult()).intValue() == 30);
    }

    Object chunkPublishedAt(String requestId) {
        return em.createNativeQuery("select c.published_at from trace t join trace_chunk c on c.chunk_id = t.id / "
                + TraceRepository.CHUNK_CAPACITY + " where t.request_id = :r").setParameter("r", requestId).getSingleResult();
    }

    @Test
    void aChunkCommittedButNeverPublishedLiveIsPublishedFromTheTableOnceOldEnough() throws Exception {
        String run = UUID.randomUUID().toString();
        TraceRecordedV1 golden = EventJson.read(Goldens.read(Topics.TRACES), TraceRecordedV1.class);
        ObjectNode fields = EventJson.MAPPER.valueToTree(golden.trace());
        fields.put("request_id", run); // its own chain and workload, as above
        fields.put("work_unit_id", "wu-" + run);
        fields.put("parent_request_id", "parent-" + run);
        fields.put("workload", "golden-" + run);
        CanonicalTrace trace = EventJson.MAPPER.treeToValue(fields, CanonicalTrace.class);
        StoredTrace stored = StoredTrace.of(trace, Instant.now().truncatedTo(ChronoUnit.MICROS));
        LocalDate month = TracePartitions.monthOf(trace.startedAt());
        // Stored and committed without the CommittedChunk event: as if the process died right after the commit.
        long chunk = QuarkusTransaction.requiringNew().call(() -> {
            partitions.ensure(Set.of(month));
            long id = repository.nextChunk();
            assertEquals(1, repository.insertChunk(id, List.of(stored)).size());
            repository.recordChunk(id, Set.of(month), 1);
            return id;
        });

        publishing.recoverPending();
        assertNull(chunkPublishedAt(run), "younger than ingest.publish.recovery-after.ms: the live path's to publish");

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update trace_chunk set created_at = now() - interval '1 hour' where chunk_id = :c")
                .setParameter("c", chunk).executeUpdate());
        publishing.recoverPending();
        Await.until(Duration.ofSeconds(10), "recovery to mark the chunk published", () -> chunkPublishedAt(run) != null);
        assertEquals(0L, ((Number) em.createNativeQuery("select coalesce(sum(brin_summarize_new_values(p.relid)), 0)"
                + " from pg_partition_tree('trace_id_blocks') p join pg_index i on i.indexrelid = p.relid"
                + " where p.isleaf and i.indrelid = to_regclass(:partition)")
                .setParameter("partition", TracePartitions.partitionOf(month)).getSingleResult()).longValue(),
                "recovery summarized the id index's new block ranges before reading the chunk back");
        var records = TopicReader.await(bootstrap(), Topics.TRACES, r -> r.value().contains(run), 1, Duration.ofSeconds(30));
        assertEquals(new TraceRecordedV1(stored.eventId(), stored.receivedAt(), TraceRecordedV1.SCHEMA_VERSION,
                IngestConfig.PRODUCER, stored.dedupeKey(), trace), EventJson.read(records.get(0).value(), TraceRecordedV1.class),
                "read back from the table, the event is the one the live path would have sent");
    }
}
