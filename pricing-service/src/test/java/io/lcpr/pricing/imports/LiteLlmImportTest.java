package io.lcpr.pricing.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.SharedData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The real LiteLLM file imported whole through the API, twice. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class LiteLlmImportTest {

    @Test
    void importsTheFileAsOneVersionAndReimportingChangesNothing() throws Exception {
        byte[] file = Files.readAllBytes(SharedData.file("litellm_model_prices.json"));
        int version = given().contentType("application/json").body(file).queryParam("effective_from", "2026-03-03")
                .post("/api/pricing/imports/litellm").then().statusCode(201)
                .body("entries", greaterThan(2000))
                .body("skippedByReason.'documentation entry'", equalTo(1))
                .body("skippedByReason.'no price the suite reads'", greaterThan(50))
                .extract().path("versionOrder");
        given().contentType("application/json").body(file).queryParam("effective_from", "2026-03-03")
                .post("/api/pricing/imports/litellm").then().statusCode(200)
                .body("created", equalTo(false)).body("versionOrder", equalTo(version));
        given().queryParam("provider", "openai").queryParam("model", "gpt-4o").queryParam("at", "2026-04-01")
                .get("/api/pricing/price").then().statusCode(200)
                .body("rates.inputPerMillion", equalTo(2.5f)).body("rates.cacheReadPerMillion", equalTo(1.25f));
        given().queryParam("provider", "anthropic").queryParam("model", "claude-sonnet-4-5-20250929")
                .queryParam("at", "2026-04-01").get("/api/pricing/price").then().statusCode(200)
                .body("rates.longContext.thresholdTokens", equalTo(200000));
        given().queryParam("provider", "azure").queryParam("model", "gpt-4o").queryParam("tier", "batch")
                .queryParam("at", "2026-04-01").get("/api/pricing/price").then().statusCode(200)
                .body("basis", equalTo("default_batch_discount")).body("rates.inputPerMillion", equalTo(1.25f));
        // a charge by the second, stored and quoted per unit
        given().queryParam("provider", "openai").queryParam("model", "whisper-1").queryParam("at", "2026-04-01")
                .get("/api/pricing/price").then().statusCode(200)
                .body("rates.unitPrices.input_second", equalTo(0.0001f));
    }

    /** JSON that is not a price file (an array) is the caller's mistake, named, not a 500. */
    @Test
    void anArrayIsNotAPriceFile() {
        io.restassured.RestAssured.given().contentType("application/json").body("[{\"model\": \"x\"}]")
                .post("/api/pricing/imports/litellm").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("the top level must be a JSON object of models"));
    }
}
