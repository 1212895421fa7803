package io.lcpr.pricing.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class ContractResourceTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    @Test
    void aContractsBatchDiscountPricesTheBatchTierAndTheContractIsPublished() {
        String p = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("""
                {"provider":"%s","model":"m","effective_from":"2026-01-01T00:00:00Z","input_per_million":2.00,\
                "output_per_million":8.00}""".formatted(p)).post("/api/pricing/snapshots").then().statusCode(201);
        given().contentType("application/json").body(Map.of("provider", p, "billing_account", "org-main", "name",
                "2026 agreement", "billing_time_zone", "America/Los_Angeles", "effective_from", "2026-01-01T08:00:00Z",
                "batch_discount_factor", 0.45, "committed_spend", 150000,
                "credits", List.of(Map.of("name", "launch", "amount", 5000, "valid_from", "2026-01-01T08:00:00Z",
                        "valid_to", "2026-07-01T07:00:00Z"))))
                .post("/api/pricing/contracts").then().statusCode(201);
        given().queryParam("provider", p).queryParam("model", "m").queryParam("tier", "batch")
                .queryParam("at", "2026-02-01").get("/api/pricing/price").then().statusCode(200)
                .body("basis", equalTo("contract_batch_discount")).body("rates.inputPerMillion", equalTo(0.9f));
        var records = TopicReader.await(bootstrap(), Topics.PRICING_CONTRACTS, r -> r.value().contains(p), 1,
                Duration.ofSeconds(30));
        ProviderContractV1 event = EventJson.read(records.get(0).value(), ProviderContractV1.class);
        assertEquals("America/Los_Angeles", event.billingTimeZone());
        assertEquals(0, new BigDecimal("5000").compareTo(event.credits().get(0).amount()));
    }

    @Test
    void badTermsAreRefusedWithTheirFields() {
        given().contentType("application/json").body(Map.of("provider", "x", "billing_account", "a", "name", "n",
                "billing_time_zone", "Mars/Olympus", "effective_from", "2026-01-01T00:00:00Z",
                "batch_discount_factor", 1.5)).post("/api/pricing/contracts").then().statusCode(400)
                .body("errors[0]", containsString("billing_time_zone"))
                .body("errors[0]", containsString("batch_discount_factor"));
        given().contentType("application/json").body(Map.of("workload", "support", "kind", "per_ticket",
                "amount", 1, "effective_from", "2026-01-01T00:00:00Z")).post("/api/pricing/revenue-terms").then()
                .statusCode(400).body("errors[0]", containsString("per_accepted_unit"));
        given().contentType("application/json").body(Map.of("workload", "support", "kind", "per_accepted_unit",
                "amount", 0.55, "effective_from", "2026-01-01T00:00:00Z")).post("/api/pricing/revenue-terms").then()
                .statusCode(201);
    }

    /** Found by HostileInput: text beyond its column was a 500, a body of the wrong shape an empty 400. */
    @Test
    void textBeyondItsColumnAndBodiesOfTheWrongShapeAreRefusedNamingTheField() {
        String tooLong = "m".repeat(300);
        given().contentType("application/json").body(Map.of("provider", "openai", "alias", "a", "model", tooLong))
                .put("/api/pricing/aliases").then().statusCode(400).body("errors[0]", containsString("model"));
        given().contentType("application/json").body(Map.of("workload", tooLong, "kind", "per_accepted_unit",
                "amount", 1, "effective_from", "2026-01-01T00:00:00Z")).post("/api/pricing/revenue-terms").then()
                .statusCode(400).body("errors[0]", containsString("workload"));
        given().contentType("application/json").body("{\"provider\":\"openai\",\"alias\":[[[]]],\"model\":\"m\"}")
                .put("/api/pricing/aliases").then().statusCode(400).body("errors[0]", containsString("alias"));
        given().contentType("application/json").body("{\"workload\":\"w\",\"kind\":\"per_accepted_unit\","
                + "\"amount\":\"../../etc/passwd\",\"effective_from\":\"2026-01-01T00:00:00Z\"}")
                .post("/api/pricing/revenue-terms").then().statusCode(400).body("errors[0]", containsString("amount"));
    }
}
