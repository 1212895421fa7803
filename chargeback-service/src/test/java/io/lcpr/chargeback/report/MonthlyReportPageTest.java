package io.lcpr.chargeback.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.infra.HeadlessChromium;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A team's monthly report for two months as reconcile-service would announce them (June previewed, July closed):
 * the JSON explains the move, and the page, loaded in a real headless Chromium, renders its tables and the
 * waterfall chart without a script error.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class MonthlyReportPageTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void aTeamsMonthRendersWithItsWaterfall() throws Exception {
        given().contentType("application/json").body(Map.of("owner", "a.lee", "seats", 40, "sla_tier", "tier-1",
                "effective_from", "2031-06")).put("/api/teams/benefits").then().statusCode(200);
        given().contentType("application/json").body(Map.of("owner", "b.osei", "seats", 60, "effective_from",
                "2031-06")).put("/api/teams/licensing").then().statusCode(200);
        month("2031-06", 30_000, 200_000_000L, 6_000, 100_000_000L);
        month("2031-07", 39_000, 300_000_000L, 6_000, 100_000_000L);
        given().contentType("application/json").body(Map.of("by", "finance@agency", "force_reason", "test month"))
                .post("/api/chargeback/periods/2031-07/close").then().statusCode(200);

        given().queryParam("team", "benefits").get("/api/chargeback/periods/2031-07/report").then().statusCode(200)
                .body("state", equalTo("closed (version 1)")).body("lastPeriod", equalTo("2031-06"))
                .body("largestDeltas[0].workload", equalTo("intake")).body("largestDeltas[0].component",
                        equalTo("inference"))
                .body("largestDeltas[0].explanation", containsString("volume +"))
                .body("largestDeltas[0].explanation", containsString("tokens +50.0%"))
                .body("trend", containsString("benefits is charged $"));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.load(base + "api/chargeback/periods/2031-07/report.html?team=benefits");
            assertEquals("benefits: 2031-07", browser.findElement(By.tagName("h1")).getText());
            assertEquals(6, browser.findElements(By.cssSelector("#components tr")).size(), "header + 5 components");
            assertEquals(4, browser.findElements(By.cssSelector("#modes tr")).size() - 1, "every mode");
            assertTrue(browser.findElements(By.cssSelector("#deltas tr")).size() >= 2, "the largest changes");
            assertEquals(1, browser.findElements(By.cssSelector("#waterfall canvas")).size(),
                    "ECharts drew the waterfall");
            Object bars = chromium.script("return echarts.getInstanceByDom(document.getElementById('waterfall'))"
                    + ".getOption().xAxis[0].data");
            assertEquals(List.of("2031-06", "inference", "eval", "human", "ops", "delta", "2031-07"), bars);
            assertEquals(List.of(), chromium.errors(), "no script error");
            assertTrue(browser.findElement(By.id("trend")).getText().contains("The largest move: inference on intake"));
        }
    }

    /** A month of the intake workload as reconcile-service announces it: the run's LCPR and its completion. */
    private static void month(String period, long benefitsCost, long benefitsTokens, long licensingCost,
            long licensingTokens) throws Exception {
        UUID run = UUID.randomUUID();
        long inference = benefitsCost + licensingCost;
        ObjectNode lcpr = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(Topics.LCPR_COMPUTED));
        lcpr.put("eventId", UUID.randomUUID().toString()).put("runId", run.toString()).put("period", period)
                .put("workload", "intake").put("inferenceCost", inference).put("evalCost", 1000).put("humanCost", 0)
                .put("opsCost", 5000).put("delta", 0).put("loadedCost", inference + 6000);
        lcpr.set("traceCostByTeam", EventJson.MAPPER.valueToTree(Map.of("benefits", benefitsCost, "licensing",
                licensingCost)));
        lcpr.set("tokensByTeam", EventJson.MAPPER.valueToTree(Map.of("benefits", benefitsTokens, "licensing",
                licensingTokens)));
        lcpr.set("callsByTeam", EventJson.MAPPER.valueToTree(Map.of("benefits", 1000, "licensing", 500)));
        lcpr.set("acceptedByTeam", EventJson.MAPPER.valueToTree(Map.of("benefits", 900, "licensing", 450)));
        ObjectNode completed = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(Topics.RECONCILIATION_COMPLETED));
        completed.put("eventId", UUID.randomUUID().toString()).put("runId", run.toString()).put("period", period);
        completed.set("workloads", EventJson.MAPPER.valueToTree(List.of("intake")));
        TopicWriter.send(LocalInfraTestResource.bootstrapServers(), Topics.LCPR_COMPUTED, "intake", lcpr.toString());
        TopicWriter.send(LocalInfraTestResource.bootstrapServers(), Topics.RECONCILIATION_COMPLETED, run.toString(),
                completed.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!run.toString().equals(given().get("/api/chargeback/periods/" + period + "/modes").path("runId"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run of " + period + " never reached chargeback-service");
            }
            Thread.sleep(200);
        }
    }
}
