package io.lcpr.chargeback.allocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Consumer side of lcpr.computed.v1 and reconciliation.completed.v1 from their golden files, producer side of
 * chargeback.allocations.monthly.v1 against its golden file (the same example, 000's month).
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class ChargebackServiceTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    @Test
    void allocatesOnceWhenTheRunIsCompleteWhateverTheOrderAndReplays() throws Exception {
        String lcpr = Goldens.read(Topics.LCPR_COMPUTED);
        String completed = Goldens.read(Topics.RECONCILIATION_COMPLETED);
        LcprComputedV1 golden = EventJson.read(lcpr, LcprComputedV1.class);
        // the run's completion arrives first; the workload it announced arrives later, then both again
        TopicWriter.send(bootstrap(), Topics.RECONCILIATION_COMPLETED, "k", completed);
        TopicWriter.send(bootstrap(), Topics.LCPR_COMPUTED, "support", lcpr);
        TopicWriter.send(bootstrap(), Topics.RECONCILIATION_COMPLETED, "k", completed);
        TopicWriter.send(bootstrap(), Topics.LCPR_COMPUTED, "support", lcpr);

        String run = golden.runId().toString();
        var records = TopicReader.await(bootstrap(), Topics.ALLOCATIONS_MONTHLY, r -> r.value().contains(run), 3,
                Duration.ofSeconds(8)); // asks for three so that a duplicate allocation would be seen
        assertEquals(2, records.size(), "two teams, each allocated once");
        ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals("support-platform"))
                .findFirst().orElseThrow();
        GoldenShape.assertSameShape(Topics.ALLOCATIONS_MONTHLY, record.value(), "byWorkload");
        ObjectNode published = (ObjectNode) EventJson.MAPPER.readTree(record.value());
        ObjectNode expected = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(Topics.ALLOCATIONS_MONTHLY));
        published.remove(List.of("eventId", "occurredAt"));
        expected.remove(List.of("eventId", "occurredAt"));
        GoldenShape.assertSameFigures(expected, published, "the golden allocation, figure for figure");

        TeamAllocationV1 allocation = EventJson.read(record.value(), TeamAllocationV1.class);
        assertEquals(0, golden.loadedCost().compareTo(allocation.totalAllocated()));
        BigDecimal sum = records.stream().map(r -> EventJson.read(r.value(), TeamAllocationV1.class).amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, golden.loadedCost().compareTo(sum), "the teams' amounts add up to the loaded cost");
        assertEquals(TeamAllocationV1.CLOUDEVENT_TYPE, header(record, "ce_type"));
        assertEquals(allocation.eventId().toString(), header(record, "ce_id"));
        assertEquals("1.0", header(record, "ce_specversion"));

        given().queryParam("period", golden.period()).get("/api/chargeback/allocations").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].team", equalTo("support-platform"))
                .body("[0].amount", equalTo(18384.0f)).body("[1].team", equalTo("support-tools"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
