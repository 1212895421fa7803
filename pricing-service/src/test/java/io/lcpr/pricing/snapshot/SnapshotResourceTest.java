package io.lcpr.pricing.snapshot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.Topics;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class SnapshotResourceTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    static String entry(String provider, String model, String from, String to, String input, String output) {
        return """
                {"provider":"%s","model":"%s","effective_from":"%s"%s,"input_per_million":%s,\
                "cache_read_per_million":%s,"output_per_million":%s,"source":"test"}""".formatted(provider, model, from,
                to == null ? "" : ",\"effective_to\":\"" + to + "\"", input,
                new BigDecimal(input).divide(BigDecimal.valueOf(2)).toPlainString(), output);
    }

    static io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).post("/api/pricing/snapshots").then();
    }

    static String provider() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anEntryIsPublishedOnTheCompactedTopicUnderItsKey() {
        String p = provider();
        post(entry(p, "route-b", "2026-04-01T00:00:00Z", null, "1.80", "8.00")).statusCode(201);
        post(entry(p, "route-b", "2026-04-01T00:00:00Z", null, "1.80", "8.00")).statusCode(200)
                .body("created", equalTo(false));
        var records = TopicReader.await(bootstrap(), Topics.PRICING_SNAPSHOTS, r -> r.value().contains(p), 2,
                Duration.ofSeconds(8));
        assertEquals(1, records.size(), "the same content twice is one version, one event");
        PricingSnapshotV1 event = EventJson.read(records.get(0).value(), PricingSnapshotV1.class);
        assertEquals(event.key(), records.get(0).key());
        assertEquals(0, new BigDecimal("0.90").compareTo(event.cacheReadPerMillion()));
    }

    /** A month with a price change on the 14th: one call a day at noon, 1M input and 100k output tokens. */
    @Test
    void aMonthWithAPriceChangeOnThe14thIsPricedAsTwoHalves() {
        String p = provider();
        post(entry(p, "m", "2026-04-01T00:00:00Z", null, "3.00", "15.00")).statusCode(201);
        post(entry(p, "m", "2026-04-14T00:00:00Z", null, "1.80", "8.00")).statusCode(201);
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int day = 1; day <= 30; day++) {
            calls.add(Map.of("provider", p, "model", "m", "started_at",
                    "2026-04-%02dT12:00:00Z".formatted(day), "input_tokens", 1_000_000, "output_tokens", 100_000));
        }
        // by hand: before the 14th 1M x $3.00 + 100k x $15.00 = $4.50 a day, 13 days = $58.50;
        // from the 14th 1M x $1.80 + 100k x $8.00 = $2.60 a day, 17 days = $44.20; month $102.70
        var answer = given().contentType("application/json").body(Map.of("calls", calls)).post("/api/pricing/costs")
                .then().statusCode(200).body("unpriced", equalTo(0)).extract();
        assertEquals(0, new BigDecimal("102.70").compareTo(new BigDecimal(answer.path("total").toString())));
        assertEquals(0, new BigDecimal("4.50").compareTo(new BigDecimal(answer.path("calls[12].cost").toString())));
        assertEquals(0, new BigDecimal("2.60").compareTo(new BigDecimal(answer.path("calls[13].cost").toString())));
        // the instant of the change belongs to the new price
        given().queryParam("provider", p).queryParam("model", "m").queryParam("at", "2026-04-14T00:00:00Z")
                .get("/api/pricing/price").then().statusCode(200).body("rates.inputPerMillion", equalTo(1.8f));
        given().queryParam("provider", p).queryParam("model", "m").queryParam("at", "2026-04-13T23:59:59.999Z")
                .get("/api/pricing/price").then().statusCode(200).body("rates.inputPerMillion", equalTo(3.0f));
    }

    /** The 12-request trace of 000 on the two routes of 002, cache reads at half the input price. */
    @Test
    void twelveRequestTraceOnRoutesAAndB() {
        String p = provider();
        post(entry(p, "route-a", "2026-01-01T00:00:00Z", null, "3.00", "15.00")).statusCode(201);
        post(entry(p, "route-b", "2026-01-01T00:00:00Z", null, "1.80", "8.00")).statusCode(201);
        for (String[] route : new String[][] { { "route-a", "3.00", "1.50", "15.00" }, { "route-b", "1.80", "0.90", "8.00" } }) {
            List<Map<String, Object>> calls = new ArrayList<>();
            for (TwelveRequestTrace.Row r : TwelveRequestTrace.ROWS) {
                calls.add(Map.of("provider", p, "model", route[0], "started_at", "2026-04-15T09:00:00Z",
                        "input_tokens", r.input(), "cache_read_tokens", r.cached(), "output_tokens", r.output()));
            }
            var answer = given().contentType("application/json").body(Map.of("calls", calls))
                    .post("/api/pricing/costs").then().statusCode(200).extract();
            for (int i = 0; i < TwelveRequestTrace.ROWS.size(); i++) {
                TwelveRequestTrace.Row r = TwelveRequestTrace.ROWS.get(i);
                BigDecimal byHand = BigDecimal.valueOf(r.input() - r.cached()).multiply(new BigDecimal(route[1]))
                        .add(BigDecimal.valueOf(r.cached()).multiply(new BigDecimal(route[2])))
                        .add(BigDecimal.valueOf(r.output()).multiply(new BigDecimal(route[3]))).movePointLeft(6);
                assertEquals(0, byHand.compareTo(new BigDecimal(answer.path("calls[" + i + "].cost").toString())),
                        route[0] + " row " + r.n());
            }
            // row 1 by hand: route A 600 x 3.00 + 1,800 x 1.50 + 220 x 15.00 = $0.0078; route B = $0.00446
            String row1 = route[0].equals("route-a") ? "0.0078" : "0.00446";
            assertEquals(0, new BigDecimal(row1).compareTo(new BigDecimal(answer.path("calls[0].cost").toString())));
        }
    }

    /** Found by HostileInput: these failed the version with a 500 (numeric field overflow, value too long). */
    @Test
    void pricesAndNamesBeyondTheirColumnsAreRefusedNamingTheField() {
        String p = provider();
        String bad = """
                {"provider":"%s","model":"%s","effective_from":"2026-04-01T00:00:00Z",\
                "input_per_million":1.4755371148060839E74,"output_per_million":11693515032423}"""
                .formatted(p, "m".repeat(300));
        post(bad).statusCode(400).body("errors[0]", containsString("model: is 300 characters long; at most 255"))
                .body("errors[0]", containsString("input_per_million: 147.55371148060839E+72 is beyond any price (at"
                        + " most 12 digits before the decimal point)"))
                .body("errors[0]", containsString("output_per_million: 11693515032423 is beyond any price"));
        post(entry(p, "m", "2026-01-01T00:00:00Z", null, "999999999999.5", "15.00")).statusCode(201);
    }

    @Test
    void overlapsGapsNegativePricesAndUnknownCurrenciesAreRefused() {
        String p = provider();
        post(entry(p, "m", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "3.00", "15.00")).statusCode(201);
        post(entry(p, "m", "2026-03-01T00:00:00Z", null, "3.00", "15.00")).statusCode(400)
                .body("errors[0]", containsString("gap"));
        post(entry(p, "m", "2026-01-15T00:00:00Z", null, "3.00", "15.00")).statusCode(400)
                .body("errors[0]", containsString("overlaps"));
        post(entry(p, "m", "2026-02-01T00:00:00Z", null, "2.00", "15.00")).statusCode(201);
        post(entry(p, "m", "2026-01-20T00:00:00Z", null, "2.50", "15.00")).statusCode(400);
        String bad = """
                {"provider":"%s","model":"x","effective_from":"2026-04-01T00:00:00Z","currency":"XYZ",\
                "input_per_million":-1,"output_per_million":8}""".formatted(p);
        post(bad).statusCode(400)
                .body("errors", hasItem(containsString("input_per_million: must not be negative")))
                .body("errors", hasItem(containsString("currency: unknown currency 'XYZ'")));
    }

    @Test
    void aCorrectionIsANewVersionAndWinsFromThen() {
        String p = provider();
        post(entry(p, "m", "2026-04-01T00:00:00Z", null, "3.00", "15.00")).statusCode(201);
        int second = post(entry(p, "m", "2026-04-01T00:00:00Z", null, "2.75", "15.00")).statusCode(201)
                .extract().path("versionOrder");
        given().queryParam("provider", p).queryParam("model", "m").queryParam("at", "2026-04-10T00:00:00Z")
                .get("/api/pricing/price").then().statusCode(200).body("rates.inputPerMillion", equalTo(2.75f))
                .body("entry.versionOrder", equalTo(second));
        given().queryParam("provider", p).queryParam("model", "m").get("/api/pricing/snapshots").then()
                .body("size()", equalTo(1));
    }

    @Test
    void batchFallsBackToHalfTheStandardPriceAndSaysSo() {
        String p = provider();
        post(entry(p, "m", "2026-04-01T00:00:00Z", null, "3.00", "15.00")).statusCode(201);
        given().queryParam("provider", p).queryParam("model", "m").queryParam("tier", "batch")
                .queryParam("at", "2026-04-10T00:00:00Z").get("/api/pricing/price").then().statusCode(200)
                .body("basis", equalTo("default_batch_discount")).body("rates.inputPerMillion", equalTo(1.5f))
                .body("rates.outputPerMillion", equalTo(7.5f));
    }

    @Test
    void aliasesAndNamingRulesResolveAndUnknownModelsAreReported() {
        String p = provider();
        post(entry(p, "gpt-4.1", "2026-04-01T00:00:00Z", null, "2.00", "8.00")).statusCode(201);
        given().queryParam("provider", p).queryParam("model", "gpt-4.1-2025-04-14").queryParam("at", "2026-04-10")
                .get("/api/pricing/price").then().statusCode(200).body("resolvedBy", equalTo("dated-suffix"))
                .body("resolvedModel", equalTo("gpt-4.1"));
        given().queryParam("provider", p).queryParam("model", p + "/gpt-4.1").queryParam("at", "2026-04-10")
                .get("/api/pricing/price").then().statusCode(200).body("resolvedBy", equalTo("provider-prefix"));
        given().contentType("application/json").body(Map.of("provider", p, "alias", "house-model", "model", "gpt-4.1"))
                .put("/api/pricing/aliases").then().statusCode(200);
        given().queryParam("provider", p).queryParam("model", "house-model").queryParam("at", "2026-04-10")
                .get("/api/pricing/price").then().statusCode(200).body("resolvedBy", equalTo("alias"));
        given().queryParam("provider", p).queryParam("model", "mystery").queryParam("at", "2026-04-10")
                .get("/api/pricing/price").then().statusCode(404)
                .body("errors[0]", containsString("never priced at zero"));
    }

    @Test
    void csvRateCardsImportAndBadCellsAreNamed() {
        String p = provider();
        String csv = "provider,model,service_tier,effective_from,input_per_million,cache_read_per_million,output_per_million,"
                + "per_web_search\n"
                + p + ",negotiated-m,standard,2026-04-01,2.40,1.20,12.00,0.008\n"
                + p + ",negotiated-m,batch,2026-04-01,1.20,,6.00,\n";
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).queryParam("source", "contract-" + p)
                .post("/api/pricing/imports/csv").then().statusCode(201).body("entries", equalTo(2));
        given().queryParam("provider", p).queryParam("model", "negotiated-m").queryParam("tier", "batch")
                .queryParam("at", "2026-04-02").get("/api/pricing/price").then().statusCode(200)
                .body("basis", equalTo("listed")).body("rates.outputPerMillion", equalTo(6.0f));
        given().queryParam("provider", p).queryParam("model", "negotiated-m").queryParam("at", "2026-04-02")
                .get("/api/pricing/price").then().statusCode(200).body("rates.unitPrices.web_search", equalTo(0.008f));
        String bad = "provider,model,effective_from,input_per_million,output_per_million\n" + p + ",x,2026-04-01,abc,1\n";
        given().contentType("text/csv").body(bad.getBytes(StandardCharsets.UTF_8)).queryParam("source", "bad")
                .post("/api/pricing/imports/csv").then().statusCode(400)
                .body("errors[0]", containsString("line 2, input_per_million: 'abc' is not a number"));
    }

    @Test
    void pricesInForceOnADay() {
        String p = provider();
        post(entry(p, "m", "2026-04-01T00:00:00Z", null, "3.00", "15.00")).statusCode(201);
        post(entry(p, "m", "2026-04-14T12:00:00Z", null, "1.80", "8.00")).statusCode(201);
        var inForce = given().queryParam("day", "2026-04-14").get("/api/pricing/in-force").then().statusCode(200)
                .extract().<List<Map<String, Object>>> path("findAll { it.provider == '" + p + "' }");
        assertEquals(2, inForce.size(), "both prices applied during the 14th");
        var before = given().queryParam("day", "2026-04-13").get("/api/pricing/in-force").then().statusCode(200)
                .extract().<List<Map<String, Object>>> path("findAll { it.provider == '" + p + "' }");
        assertEquals(1, before.size());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z").toString(), before.get(0).get("effectiveFrom"));
    }
}
