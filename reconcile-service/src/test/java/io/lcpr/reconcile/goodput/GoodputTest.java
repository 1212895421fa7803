package io.lcpr.reconcile.goodput;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.HeadlessChromium;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;

/**
 * A synthetic sweep of two routes at 2 to 32 requests a second, 30 seconds a step, arriving as tagged traces with
 * their eval verdicts. Route A (a cheaper, faster model) completes every request with longer outputs, so its
 * throughput is the higher; but its first token slips past the SLO as load grows and a quarter of its answers fail
 * the quality gate. Route B loses 3% of requests to errors and holds its SLO to 16 requests a second. At the
 * operating point of 8 requests a second B's goodput is the higher and its cost per accepted result the lower: the
 * suite picks B, not the route with the higher throughput.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class GoodputTest {
    static final Instant START = Instant.parse("2038-02-03T10:00:00Z");
    static final double[] RATES = { 2, 4, 8, 16, 32 };
    /** Share of route A's requests whose first token meets an 800 ms SLO, by step; route B's. */
    static final double[] A_IN_SLO = { 1.0, 0.95, 0.6, 0.25, 0.08 };
    static final double[] B_IN_SLO = { 0.99, 0.99, 0.99, 0.98, 0.4 };

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @TestHTTPResource("/")
    URL base;

    @Test
    void theRouteWithTheHigherThroughputLosesOnGoodput() {
        pricing.record(MonthFixtures.price("gp", "fast-m", "standard", Rates.simple(new BigDecimal("0.5"),
                new BigDecimal("0.05"), new BigDecimal("0.5"), new BigDecimal("2")), START.minusSeconds(86_400)));
        pricing.record(MonthFixtures.price("gp", "steady-m", "standard", Rates.simple(new BigDecimal("1"),
                new BigDecimal("0.1"), new BigDecimal("1"), new BigDecimal("4")), START.minusSeconds(86_400)));
        given().contentType("application/json").body(Map.of("eval_required", true)).put("/api/workloads/gp-chat")
                .then().statusCode(200);
        sweep("sweep-a", "route-a", "fast-m", 500, A_IN_SLO, 0.75, 0.0, 1);
        sweep("sweep-b", "route-b", "steady-m", 300, B_IN_SLO, 0.95, 0.03, 2);
        given().contentType("application/json").body(Map.of("output_tokens_per_second", 20_000, "source",
                "vendor blog: batch 256, 128-token prompts")).put("/api/goodput/claims/route-a").then().statusCode(200);

        var r = given().queryParam("runs", "sweep-a,sweep-b").queryParam("ttft_ms", 800).queryParam("e2e_ms", 15_000)
                .queryParam("operating_rps", 8).get("/api/goodput").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertEquals("route-b", r.getString("analysis.pick"), r.getString("analysis.why"));
        assertEquals("route-a", r.getString("analysis.highestThroughput"));
        double aGood = r.getDouble("analysis.routes.find { it.route == 'route-a' }.atOperatingPoint.goodputRps");
        double bGood = r.getDouble("analysis.routes.find { it.route == 'route-b' }.atOperatingPoint.goodputRps");
        double aTput = r.getDouble("analysis.routes.find { it.route == 'route-a' }.atOperatingPoint.throughputRps");
        double bTput = r.getDouble("analysis.routes.find { it.route == 'route-b' }.atOperatingPoint.throughputRps");
        assertTrue(aTput > bTput && aGood < bGood, "A: " + aTput + " req/s, " + aGood + " good/s; B: " + bTput
                + " req/s, " + bGood + " good/s");
        assertTrue(r.getDouble("analysis.routes.find { it.route == 'route-a' }.atOperatingPoint.costPerAccepted")
                > r.getDouble("analysis.routes.find { it.route == 'route-b' }.atOperatingPoint.costPerAccepted"));
        // where goodput stops improving
        assertEquals(8.0, r.getDouble("analysis.routes.find { it.route == 'route-a' }.capacityCeilingRps"));
        assertEquals(16.0, r.getDouble("analysis.routes.find { it.route == 'route-b' }.capacityCeilingRps"));
        // quality under load: a quarter of A's answers fail the gate at every rate
        List<Double> pass = r.getList("analysis.routes.find { it.route == 'route-a' }.steps.qualityPassRate");
        pass.forEach(p -> assertEquals(0.75, p, 0.08));
        // the vendor's 20,000 tokens a second against what route A did at its ceiling (8 req/s, ~500 tokens each)
        double gap = r.getDouble("analysis.routes.find { it.route == 'route-a' }.transferGap");
        assertEquals(1 - 8 * 500 / 20_000.0, gap, 0.02);
        assertEquals(2, r.getList("runs").size());

        given().queryParam("runs", "sweep-zz").get("/api/goodput").then().statusCode(404);
        given().get("/api/goodput").then().statusCode(400).body("error", containsString("runs:"));
        given().contentType("application/json").body(Map.of("source", "x")).put("/api/goodput/claims/route-a").then()
                .statusCode(400).body("error", containsString("output_tokens_per_second"));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.load(base + "api/goodput/page.html?runs=sweep-a,sweep-b&ttft_ms=800"
                    + "&e2e_ms=15000&operating_rps=8");
            assertEquals("route-b", browser.findElement(By.cssSelector("#pick strong")).getText());
            assertEquals(1, browser.findElements(By.cssSelector("#goodput canvas")).size());
            assertEquals(1, browser.findElements(By.cssSelector("#cost canvas")).size());
            assertEquals(1 + 2 * RATES.length, browser.findElements(By.cssSelector("#steps tr")).size());
            assertEquals(List.of(), chromium.errors());
        }
    }

    private void sweep(String run, String route, String model, long output, double[] inSlo, double pass,
            double failures, long seed) {
        Random random = new Random(seed);
        List<TraceRecordedV1> traces = new ArrayList<>();
        List<OutcomeRecordedV1> outcomes = new ArrayList<>();
        Instant at = START;
        for (int step = 0; step < RATES.length; step++) {
            double rate = RATES[step];
            int requests = (int) (rate * 30);
            for (int i = 0; i < requests; i++) {
                at = at.plusMillis((long) (1000 / rate));
                String id = run + "-" + step + "-" + i;
                boolean failed = random.nextDouble() < failures;
                long ttft = random.nextDouble() < inSlo[step] ? 300 + random.nextInt(400) : 1_200 + random.nextInt(800);
                long out = failed ? 0 : output - 50 + random.nextInt(100);
                CanonicalTrace t = new CanonicalTrace(id, null, null, id, null, "first_attempt", "gp-chat", "gp-team",
                        null, "gp", model, "standard", null, null, "gp-proj", null, null, at, 1_000L, 0L, 0L, out,
                        null, failed ? null : ttft, failed ? 200L : ttft + out * 20, failed ? "error" : "ok",
                        failed ? "rate_limited" : null, failed ? null : "stop", Map.of(LoadTestRepository.RUN_ID,
                                run, LoadTestRepository.RATE, String.valueOf(rate), LoadTestRepository.ROUTE, route));
                traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:gp:" + id, t));
                if (!failed) {
                    outcomes.add(MonthFixtures.outcome("eval", id, id, random.nextDouble() < pass, null, null,
                            at.plusSeconds(5)));
                }
            }
        }
        batches.traces(MonthFixtures.records(traces));
        batches.outcomes(MonthFixtures.records(outcomes));
    }
}
