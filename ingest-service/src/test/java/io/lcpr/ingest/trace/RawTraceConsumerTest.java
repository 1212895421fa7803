package io.lcpr.ingest.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import io.lcpr.ingest.trace.store.TraceRepository;

@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class RawTraceConsumerTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    @Inject
    TraceRepository repository;

    @Test
    void validRecordsAreStoredOnceAndRefusedOnesDeadLetteredWithTheirReason() {
        String run = UUID.randomUUID().toString();
        long before = repository.count();
        String good1 = TraceResourceTest.line(run + "-1", "first_attempt", 100, 0, 10);
        String good2 = TraceResourceTest.line(run + "-2", "retry", 100, 0, 10);
        String cacheAboveInput = TraceResourceTest.line(run + "-3", "first_attempt", 100, 200, 10);
        String notJson = "{" + run;
        TopicWriter.send(bootstrap(), Topics.TRACES_RAW, run, good1, cacheAboveInput, good2, notJson, good1);
        var dead = TopicReader.await(bootstrap(), Topics.INGEST_DLQ, r -> r.value().contains(run), 2,
                Duration.ofSeconds(30));
        assertEquals(2, dead.size());
        Map<String, String> reasons = dead.stream().collect(Collectors.toMap(
                r -> r.value().startsWith("{\"") ? "invalid" : "malformed",
                r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)));
        assertTrue(reasons.get("invalid").startsWith("cache_read_tokens:"), reasons.toString());
        assertTrue(reasons.get("malformed").contains("malformed JSON"), reasons.toString());
        for (var letter : dead) {
            for (String header : Topics.DEAD_LETTER_HEADERS) {
                assertNotNull(letter.headers().lastHeader(header), header);
            }
        }
        assertEquals(Topics.TRACES_RAW, new String(dead.get(0).headers().lastHeader("dead-letter-topic").value(),
                StandardCharsets.UTF_8));
        Await.until(Duration.ofSeconds(30), "two stored traces", () -> repository.count() == before + 2);
        TopicWriter.send(bootstrap(), Topics.TRACES_RAW, run, good1, good2); // a replay changes nothing
        var published = TopicReader.await(bootstrap(), Topics.TRACES, r -> r.value().contains(run), 3,
                Duration.ofSeconds(10));
        assertEquals(2, published.size(), "each stored trace published once, replays included");
        assertEquals(before + 2, repository.count());
    }
}
