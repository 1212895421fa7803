package io.lcpr.reconcile.review;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.lcpr.demo.DenominatorDay;
import io.restassured.path.json.config.JsonPathConfig;
import io.lcpr.demo.ReviewMonths;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.HeadlessChromium;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.reconciliation.ReconciliationRuns;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Two months of three workloads, each built with one change (ReviewMonths: longer answers, a better cache prefix,
 * more repair runs) and everything else drawn from the same distributions, arriving as traces and outcomes and
 * reconciled month by month. The review pack of the second month names the driver each workload was built with,
 * recommends actions with an owner and a money impact, lists the month's incident and the recorded rate limit's
 * proximity; the page renders in headless Chromium with its tables, waterfall and quality chart.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class ReviewPackTest {
    static final String MARCH = "2023-03";
    static final String APRIL = "2023-04";
    static final List<String> WORKLOADS = List.of(ReviewMonths.SUPPORT, ReviewMonths.RAG, ReviewMonths.CODING);

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;
    @TestHTTPResource("/")
    URL base;

    static boolean loaded;

    /** Both months arrive and are reconciled once for the class's tests. */
    void load() {
        if (loaded) {
            return;
        }
        pricing.record(MonthFixtures.price(DenominatorDay.PROVIDER, DenominatorDay.MODEL, "standard", Rates.simple(
                new BigDecimal("1.80"), new BigDecimal("0.90"), new BigDecimal("1.80"), new BigDecimal("8.00")),
                Instant.parse("2023-01-01T00:00:00Z")));
        for (String w : WORKLOADS) {
            given().contentType("application/json").body(Map.of("eval_required", true, "owner_team",
                    ReviewMonths.TEAM.get(w))).put("/api/workloads/" + w).then().statusCode(200);
            for (String month : List.of(MARCH, APRIL)) {
                given().contentType("application/json").body(Map.of("ops_cost", ReviewMonths.OPS_COST.get(w)))
                        .put("/api/workloads/" + w + "/periods/" + month + "/costs").then().statusCode(200);
                ReviewMonths.Month m = ReviewMonths.of(w, month, month.equals(APRIL));
                List<TraceRecordedV1> traces = new ArrayList<>();
                m.traces().forEach(t -> traces.add(new TraceRecordedV1(UUID.randomUUID(), t.startedAt(), 1, "test",
                        "req:review:" + t.requestId(), t)));
                for (int i = 0; i < traces.size(); i += 2_000) {
                    batches.traces(MonthFixtures.records(traces.subList(i, Math.min(traces.size(), i + 2_000))));
                }
                batches.outcomes(MonthFixtures.records(m.outcomes().stream().map(o -> new OutcomeRecordedV1(
                        UUID.randomUUID(), o.observedAt(), 1, "test", o)).toList()));
            }
        }
        given().contentType("application/json").body(Map.of("name", "parser broke on camelCase keys", "category",
                "model_behavior_change", "workloads", List.of(ReviewMonths.CODING), "started_at",
                "2023-04-12T09:00:00Z", "detected_at", "2023-04-12T13:00:00Z", "mitigated_at", "2023-04-12T15:00:00Z",
                "engineering_hours", 12, "engineering_rate_per_hour", 100, "preventive_actions",
                "pin the model version; add camelCase cases to the eval suite")).post("/api/incidents").then()
                .statusCode(201);
        given().contentType("application/json").body(Map.of("requests_per_minute", 10, "tokens_per_minute", 400_000,
                "source", "provider console")).put("/api/capacity-limits/model/" + DenominatorDay.PROVIDER + "/"
                        + DenominatorDay.MODEL).then().statusCode(200);
        for (String month : List.of(MARCH, APRIL)) {
            ReconciliationRuns.RunView run = runs.start(Period.parse(month));
            assertEquals("completed", run.status(), run.error());
        }

        loaded = true;
    }

    @Test
    void aMonthsPackNamesEachWorkloadsDriverAndRenders() {
        load();
        var pack = given().get("/api/reviews/" + APRIL).then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertFalse(pack.getBoolean("preview"), "both months ended before their runs");
        assertEquals(MARCH, pack.getString("lastPeriod"));
        for (String w : WORKLOADS) {
            Map<String, Object> row = pack.getMap("lcpr.find { it.workload == '" + w + "' }");
            assertEquals(ReviewMonths.BUILT_DRIVER.get(w), row.get("primary"), w + ": " + row);
            BigDecimal sum = pack.<BigDecimal> getList("lcpr.find { it.workload == '" + w + "' }.drivers.perAccepted")
                    .stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, sum.compareTo(new BigDecimal(row.get("change").toString())),
                    w + ": the drivers add up to the change");
        }
        Map<String, Object> support = pack.getMap("lcpr.find { it.workload == 'support-chat' }");
        assertTrue(((Number) support.get("changePct")).doubleValue() > 0, "longer answers cost more");
        assertTrue(support.get("explanation").toString().startsWith("output length +1"), support.toString());
        Map<String, Object> rag = pack.getMap("lcpr.find { it.workload == 'rag-extraction' }");
        assertTrue(((Number) rag.get("changePct")).doubleValue() < 0, "a better prefix costs less");
        // quality: pass rates over the months, failures by reason
        assertEquals(2, pack.getMap("quality.find { it.workload == 'coding-agent' }.trend").size());
        assertFalse(pack.getMap("quality.find { it.workload == 'support-chat' }.failureReasons").isEmpty());
        // the waterfall: March's total, five components, April's total; ends where the compositions sum
        List<Map<String, Object>> steps = pack.getList("waterfall");
        assertEquals(7, steps.size());
        BigDecimal april = new BigDecimal(steps.get(6).get("value").toString());
        BigDecimal walked = new BigDecimal(steps.get(0).get("value").toString());
        for (int i = 1; i < 6; i++) {
            walked = walked.add(new BigDecimal(steps.get(i).get("value").toString()));
        }
        assertEquals(0, april.compareTo(walked), "the waterfall walks from March to April");
        assertNotNull(pack.getString("waterfallDriver"));
        // capacity: the recorded rate limit against the busiest five minutes
        Map<String, Object> model = pack.getMap("serverless.find { it.model == '" + DenominatorDay.MODEL + "' }");
        assertEquals(10, ((Number) model.get("requestsPerMinuteLimit")).intValue());
        assertTrue(((Number) model.get("requestLimitProximity")).doubleValue() > 0);
        // incidents
        assertEquals(1, pack.getInt("incidents.count"));
        assertEquals("pin the model version; add camelCase cases to the eval suite",
                pack.getString("incidents.list[0].preventiveActions"));
        assertTrue(new BigDecimal(pack.getString("incidents.totalCost")).compareTo(new BigDecimal("1200")) >= 0,
                "twelve engineer-hours at $100 at least");
        // recommendations: two or three, each with an owner from the registry and a money impact
        List<Map<String, Object>> recs = pack.getList("recommendations");
        assertTrue(recs.size() >= 2 && recs.size() <= 3, recs.toString());
        for (Map<String, Object> r : recs) {
            assertEquals(ReviewMonths.TEAM.get(r.get("workload")), r.get("owner"));
            assertTrue(new BigDecimal(r.get("impact").toString()).signum() > 0);
            assertEquals("open", r.get("status"));
        }
        assertTrue(recs.stream().anyMatch(r -> r.get("workload").equals(ReviewMonths.CODING)
                && r.get("kind").equals("repair_rate")), recs.toString());
        Map<String, Object> first = recs.get(0);
        given().contentType("application/json").body(Map.of("status", "done", "note", "shipped")).put("/api/reviews/"
                + APRIL + "/actions/" + first.get("workload") + "/" + first.get("kind")).then().statusCode(200);
        given().get("/api/reviews/" + APRIL).then().statusCode(200).body("recommendations[0].status",
                org.hamcrest.Matchers.equalTo("done"));
        assertEquals("completed", runs.start(Period.parse("2023-05")).status(), "a month with no traffic yet");
        given().get("/api/reviews/2023-05").then().statusCode(200).body("lastActionsCompleted", org.hamcrest.Matchers
                .notNullValue()).body("lastActions.size()", org.hamcrest.Matchers.equalTo(recs.size()));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.load(base + "api/reviews/" + APRIL + "/pack.html");
            assertEquals("Inference review: " + APRIL, browser.findElement(By.tagName("h1")).getText());
            List<WebElement> rows = browser.findElements(By.cssSelector("#lcpr tr"));
            for (String w : WORKLOADS) {
                WebElement row = rows.stream().filter(r -> r.getText().startsWith(w)).findFirst().orElseThrow();
                assertEquals(ReviewMonths.BUILT_DRIVER.get(w), row.findElement(By.className("driver")).getText());
            }
            assertEquals(1 + WORKLOADS.size(), browser.findElements(By.cssSelector("#costs tr")).size());
            assertEquals(1, browser.findElements(By.cssSelector("#waterfall canvas")).size(), "the waterfall");
            assertEquals(1, browser.findElements(By.cssSelector("#quality-trend canvas")).size(), "the quality trend");
            assertEquals(List.of(MARCH, "inference", "cache", "eval", "human", "ops", APRIL), chromium.script(
                    "return echarts.getInstanceByDom(document.getElementById('waterfall')).getOption().xAxis[0].data"));
            assertEquals(1 + recs.size(), browser.findElements(By.cssSelector("#recommendations tr")).size());
            assertTrue(browser.findElement(By.id("incidents")).getText().contains("parser broke on camelCase keys"));
            assertEquals(List.of(), chromium.errors(), "no script error");
        }
    }

    @Test
    void aForecastFromMarchIsHeldAgainstApril() {
        load();
        assumption("review volume", "*", "volume", 1.0, 0.95, 1.10, "measured");
        assumption("review support answers", ReviewMonths.SUPPORT, "inference_per_request", 1.07, null, null,
                "estimated");
        assumption("review rag prefix reorder", ReviewMonths.RAG, "cache_hit_rate", 0.30, null, null, "estimated");
        assumption("review coding agent steady", ReviewMonths.CODING, "inference_per_request", 1.0, null, null,
                "assumed");
        given().contentType("application/json").body(Map.of("description", "April as planned in March",
                "assumptions", List.of("review volume", "review support answers", "review rag prefix reorder",
                        "review coding agent steady"))).put("/api/forecast/scenarios/review-april").then()
                .statusCode(200);
        given().contentType("application/json").body(Map.of("description", "x", "assumptions", List.of("nope")))
                .put("/api/forecast/scenarios/bad").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("not in the register: [nope]"));
        var made = given().contentType("application/json").body(Map.of("scenario", "review-april", "base_period",
                MARCH, "months", 1)).post("/api/forecasts").then().statusCode(201).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        String id = made.getString("id");
        double low = made.getDouble("result.low.horizonCost");
        double point = made.getDouble("result.point.horizonCost");
        double high = made.getDouble("result.high.horizonCost");
        assertTrue(low < point && point < high, low + " < " + point + " < " + high);
        assertEquals("review volume", made.getString("result.high.drivers[0].assumption"));

        var accuracy = given().queryParam("period", APRIL).get("/api/forecasts/" + id + "/accuracy").then()
                .statusCode(200).extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        for (String w : WORKLOADS) {
            assertEquals(8, accuracy.getList("components.findAll { it.workload == '" + w + "' }").size(), w);
        }
        Map<String, Object> rag = accuracy.getMap("assumptions.find { it.assumption == 'review rag prefix reorder' }");
        assertEquals(0.30, ((Number) rag.get("implied")).doubleValue(), 0.02, "about 25-35% to 55-65% cached");
        assertEquals(false, rag.get("wrong"));
        Map<String, Object> coding = accuracy.getMap(
                "assumptions.find { it.assumption == 'review coding agent steady' }");
        assertEquals(true, coding.get("wrong"), "the repair runs raised inference per request: " + coding);
        assertTrue(((Number) coding.get("implied")).doubleValue() > 1.02, coding.toString());
        assertEquals(3, accuracy.getList("assumptions.findAll { it.assumption == 'review volume' }").size(),
                "a * assumption is checked per workload");
        given().queryParam("period", APRIL).get("/api/forecasts/variance").then().statusCode(200)
                .body("forecastId", org.hamcrest.Matchers.equalTo(id));
        given().queryParam("period", "2023-06").get("/api/forecasts/" + id + "/accuracy").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("outside"));
        given().contentType("application/json").body(Map.of("component", "weather", "value", 1))
                .put("/api/forecast/assumptions/bad").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("component: 'weather'"))
                .body("error", org.hamcrest.Matchers.containsString("owner: is required"));
    }

    private static void assumption(String name, String workload, String component, double value, Double low,
            Double high, String basis) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("workload", workload, "component", component,
                "value", value, "basis", basis, "source", "March review", "owner", "finance-partner", "stated_on",
                "2023-03-31"));
        if (low != null) {
            body.put("low", low);
            body.put("high", high);
        }
        given().contentType("application/json").body(body).put("/api/forecast/assumptions/" + name).then()
                .statusCode(200);
    }

    @Test
    void aPackIsRefusedForADayOrAMonthNeverReconciled() {
        given().get("/api/reviews/2023-04-02").then().statusCode(400).body("error",
                org.hamcrest.Matchers.containsString("monthly"));
        given().get("/api/reviews/2019-01").then().statusCode(404);
    }
}
