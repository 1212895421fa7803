package io.lcpr.reconcile.baseline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.BaselineCapturedV1;
import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.money.Money;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A workload before and after a prompt change that broke its cache prefix: six hours with half the input read from
 * cache, six hours with a tenth. Baselines captured over each window compare component by component; the LCPR delta
 * is the inference per accepted unit's (no escalations), which drove it; the cache hit rate fell 40 points.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class BaselineTest {
    static final Instant BEFORE = Instant.parse("2036-11-10T00:00:00Z");
    static final Instant AFTER = BEFORE.plus(Duration.ofHours(6));
    static final Rates RATES = Rates.simple(new BigDecimal("3"), new BigDecimal("0.3"), new BigDecimal("3.75"),
            new BigDecimal("15"));

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;

    @Test
    void twoCapturesCompareComponentByComponent() {
        pricing.record(MonthFixtures.price("baseco", "base-m", "standard", RATES, BEFORE.minus(Duration.ofDays(1))));
        Random random = new Random(23);
        List<TraceRecordedV1> traces = new ArrayList<>();
        List<OutcomeRecordedV1> outcomes = new ArrayList<>();
        BigDecimal[] inference = { BigDecimal.ZERO, BigDecimal.ZERO };
        long[] accepted = new long[2];
        for (int u = 0; u < 1_200; u++) { // 100 units an hour for twelve hours
            Instant at = BEFORE.plusSeconds(u * 36L);
            int side = at.isBefore(AFTER) ? 0 : 1;
            long input = 4_000;
            long read = side == 0 ? 2_000 : 400;
            long output = 200 + random.nextInt(300);
            String id = "baseco-" + u;
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:baseco:" + u,
                    new CanonicalTrace(id, null, null, id, null, "first_attempt", "w-base", "t-base", null, "baseco",
                            "base-m", "standard", null, null, null, null, null, at, input, read, 0L, output, 0L, 300L,
                            900L, null, null, null, null)));
            inference[side] = inference[side].add(RATES.cost(new Rates.Usage(input, read, 0, output, 0)));
            boolean passed = random.nextInt(10) < 9;
            accepted[side] += passed ? 1 : 0;
            outcomes.add(MonthFixtures.outcome("eval", id, id, passed, null, null, at.plusSeconds(30)));
        }
        batches.traces(MonthFixtures.records(traces));
        batches.outcomes(MonthFixtures.records(outcomes));
        // the prompt change declared before it takes effect: the baseline of the six hours before it is captured then
        given().contentType("application/json").body(Map.of("workload", "w-base", "kind", "prompt", "description",
                "p-8 reorders the system prompt", "effective_at", AFTER.plusSeconds(1_200).toString(), "route",
                "route-a", "hours", 6, "prompt_version", "p-7")).put("/api/baselines/changes/prompt-p8").then()
                .statusCode(200).body("baseline", org.hamcrest.Matchers.equalTo("before:prompt-p8"))
                .body("before.to", org.hamcrest.Matchers.equalTo(AFTER.toString()));
        capture("w-base-after", AFTER.plus(Duration.ofHours(6)));
        var published = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.BASELINES,
                r -> r.key().equals("before:prompt-p8") || r.key().equals("w-base-after"), 2, Duration.ofSeconds(30));
        published.forEach(r -> GoldenShape.assertSameShape(Topics.BASELINES, r.value()));
        BaselineCapturedV1 automatic = published.stream().map(r -> EventJson.read(r.value(), BaselineCapturedV1.class))
                .filter(b -> b.name().equals("before:prompt-p8")).findFirst().orElseThrow();
        assertEquals(BaselineCapturedV1.BEFORE_CHANGE, automatic.reason());
        assertTrue(automatic.change().startsWith("prompt-p8: prompt"), automatic.change());
        assertEquals(600, automatic.snapshot().units());

        var comparison = given().queryParam("a", "before:prompt-p8").queryParam("b", "w-base-after")
                .get("/api/baselines/compare").then().statusCode(200).extract().jsonPath();
        BigDecimal before = inference[0].divide(BigDecimal.valueOf(accepted[0]), 12, RoundingMode.HALF_UP);
        BigDecimal after = inference[1].divide(BigDecimal.valueOf(accepted[1]), 12, RoundingMode.HALF_UP);
        assertEquals(0, Money.of(before).compareTo(new BigDecimal(comparison.getString("a.lcpr"))));
        assertEquals(0, Money.of(after).compareTo(new BigDecimal(comparison.getString("b.lcpr"))));
        assertEquals(0, Money.of(after).subtract(Money.of(before)).compareTo(new BigDecimal(comparison.getString("lcprDelta"))));
        assertEquals("inference_per_accepted", comparison.getString("drivenBy"));
        Map<String, Object> cache = comparison.getMap("components.find { it.name == 'cache_hit_rate' }");
        assertEquals(0.5, ((Number) cache.get("a")).doubleValue(), 1e-6);
        assertEquals(0.1, ((Number) cache.get("b")).doubleValue(), 1e-6);
        assertEquals(-0.4, ((Number) cache.get("delta")).doubleValue(), 1e-6);
        assertEquals(600, comparison.getInt("a.units"));
        assertEquals(100.0, comparison.getDouble("a.callsPerHour"), 1e-6);
        assertEquals("route-a", comparison.getString("a.route"));
        assertEquals("p-7", comparison.getString("a.promptVersion"));
    }

    @Test
    void aChangeIsRefusedNamingItsFields() {
        given().contentType("application/json").body(Map.of("kind", "weather")).put("/api/baselines/changes/bad")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.containsString("workload: is required"))
                .body("error", org.hamcrest.Matchers.containsString("kind: 'weather'"))
                .body("error", org.hamcrest.Matchers.containsString("effective_at: is required"));
    }

    private static void capture(String name, Instant to) {
        given().contentType("application/json").body(Map.of("name", name, "workload", "w-base", "route", "route-a",
                "to", to.toString(), "hours", 6, "prompt_version", "p-7")).post("/api/baselines").then()
                .statusCode(200);
    }
}
