package io.lcpr.pricing.snapshot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class SnapshotResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String snapshot(String model, String from, String input, String output) {
        return """
                {"provider":"openai","model":"%s","effective_from":"%s","input_per_million":%s,\
                "cache_read_per_million":0.90,"output_per_million":%s,"source":"route-b"}""".formatted(model, from,
                input, output);
    }

    @Test
    void storesAVersionAndPublishesItCompactedByKey() {
        String model = "route-b-" + UUID.randomUUID();
        given().contentType("application/json").body(snapshot(model, "2026-04-01T00:00:00Z", "1.80", "8.00"))
                .post("/api/pricing/snapshots").then().statusCode(201);
        var records = TopicReader.await(bootstrap, Topics.PRICING_SNAPSHOTS, r -> r.value().contains(model), 1,
                Duration.ofSeconds(30));
        assertEquals(1, records.size());
        PricingSnapshotV1 event = EventJson.read(records.get(0).value(), PricingSnapshotV1.class);
        assertEquals(event.key(), records.get(0).key());
        assertEquals(0, new BigDecimal("1.80").compareTo(event.inputPerMillion()));
        assertEquals(0, new BigDecimal("1.80").compareTo(event.cacheWritePerMillion()), "cache write defaults to input");
        assertEquals("standard", event.serviceTier());
    }

    @Test
    void historyIsAppendOnly() {
        String model = "m-" + UUID.randomUUID();
        given().contentType("application/json").body(snapshot(model, "2026-04-01T00:00:00Z", "3.00", "15.00"))
                .post("/api/pricing/snapshots").then().statusCode(201);
        given().contentType("application/json").body(snapshot(model, "2026-04-01T00:00:00Z", "2.00", "15.00"))
                .post("/api/pricing/snapshots").then().statusCode(400)
                .body("errors", hasItem(containsString("append-only")));
        given().contentType("application/json").body(snapshot(model, "2026-04-14T00:00:00Z", "2.00", "15.00"))
                .post("/api/pricing/snapshots").then().statusCode(201);
        given().queryParam("provider", "openai").queryParam("model", model).get("/api/pricing/snapshots").then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void refusesNegativePricesAndUnknownCurrencies() {
        String body = """
                {"provider":"openai","model":"x","effective_from":"2026-04-01T00:00:00Z","currency":"XYZ",\
                "input_per_million":-1,"output_per_million":8}""";
        given().contentType("application/json").body(body).post("/api/pricing/snapshots").then().statusCode(400)
                .body("errors", hasItem(containsString("input_per_million: must not be negative")))
                .body("errors", hasItem(containsString("currency: unknown currency 'XYZ'")));
    }
}
