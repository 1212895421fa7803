package io.lcpr.chargeback.allocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.TopicWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Consumer side of lcpr.computed.v1 and reconciliation.completed.v1 from their golden files. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class ChargebackServiceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void allocatesOnceWhenTheRunIsCompleteWhateverTheOrderAndReplays() {
        String lcpr = Goldens.read(Topics.LCPR_COMPUTED);
        String completed = Goldens.read(Topics.RECONCILIATION_COMPLETED);
        LcprComputedV1 golden = EventJson.read(lcpr, LcprComputedV1.class);
        // the run's completion arrives first; the workload it announced arrives later, then both again
        TopicWriter.send(bootstrap, Topics.RECONCILIATION_COMPLETED, "k", completed);
        TopicWriter.send(bootstrap, Topics.LCPR_COMPUTED, "support", lcpr);
        TopicWriter.send(bootstrap, Topics.RECONCILIATION_COMPLETED, "k", completed);
        TopicWriter.send(bootstrap, Topics.LCPR_COMPUTED, "support", lcpr);

        String run = golden.runId().toString();
        var records = TopicReader.await(bootstrap, Topics.ALLOCATIONS_MONTHLY, r -> r.value().contains(run), 2,
                Duration.ofSeconds(8)); // asks for two so that a duplicate allocation would be seen
        assertEquals(1, records.size(), "one team, allocated once");
        ConsumerRecord<String, String> record = records.get(0);
        TeamAllocationV1 allocation = EventJson.read(record.value(), TeamAllocationV1.class);
        assertEquals("support-platform", record.key());
        assertEquals(0, golden.loadedCost().compareTo(allocation.amount()));
        assertEquals(0, new BigDecimal("140.65").compareTo(allocation.totalAllocated()));
        assertEquals(TeamAllocationV1.CLOUDEVENT_TYPE, header(record, "ce_type"));
        assertEquals(allocation.eventId().toString(), header(record, "ce_id"));
        assertEquals("1.0", header(record, "ce_specversion"));

        given().queryParam("period", golden.period()).get("/api/chargeback/allocations").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].team", equalTo("support-platform"))
                .body("[0].amount", equalTo(140.65f));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
