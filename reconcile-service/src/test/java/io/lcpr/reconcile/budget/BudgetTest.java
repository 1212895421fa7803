package io.lcpr.reconcile.budget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.AlertV1;
import io.lcpr.events.BudgetV1;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A team's daily budget of $1.00: its calls cost $0.02 each; 42 by mid-morning ($0.84) reach the 80% warning, 11 more
 * ($1.06) exceed it. Each signal is read from alerts.v1 once, the throttle until the day's end.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class BudgetTest {
    static final Instant DAY = Instant.parse("2037-01-10T00:00:00Z");
    /** $2 per million input tokens: 10,000 input tokens cost $0.02. */
    static final Rates RATES = Rates.simple(new BigDecimal("2"), new BigDecimal("1"), new BigDecimal("2"),
            new BigDecimal("8"));

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    BudgetService budgets;

    @Test
    void warnsAt80PercentThenThrottlesUntilTheEndOfTheDay() {
        pricing.record(MonthFixtures.price("budgetco", "m-budget", "standard", RATES, DAY.minus(Duration.ofDays(30))));
        given().contentType("application/json").body(Map.of("scope_kind", "team", "scope", "t-budget", "period",
                "daily", "amount", new BigDecimal("1.00"))).put("/api/budgets/t-budget-daily").then().statusCode(200);

        send(0, 42, DAY.plus(Duration.ofHours(9)));
        budgets.evaluate();
        AlertV1 warning = signals(1).get(0);
        assertEquals(AlertV1.WARN, warning.action());
        assertEquals(0, new BigDecimal("0.84").compareTo(warning.value()), warning.toString());
        assertEquals(0, new BigDecimal("0.80").compareTo(warning.threshold()));
        assertNull(warning.until());
        assertEquals(0, budgets.evaluate(), "a warning is said once a period");

        send(42, 11, DAY.plus(Duration.ofHours(11)));
        budgets.evaluate();
        AlertV1 throttle = signals(2).get(1);
        assertEquals(AlertV1.THROTTLE, throttle.action());
        assertEquals("team", throttle.dimension());
        assertEquals("t-budget", throttle.scope());
        assertEquals(0, new BigDecimal("1.06").compareTo(throttle.value()), throttle.toString());
        assertEquals(DAY.plus(Duration.ofDays(1)), throttle.until(), "throttled until the day's end");
        assertEquals(0, budgets.evaluate());
        given().get("/api/budgets/t-budget-daily").then().statusCode(200)
                .body("spent", org.hamcrest.Matchers.equalTo(1.06f))
                .body("remaining", org.hamcrest.Matchers.equalTo(-0.06f))
                .body("exceeded", org.hamcrest.Matchers.equalTo(true));
        // the compacted budgets.v1 states the definition, then each move of the spend: the latest is the exceeded day
        var states = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.BUDGETS,
                r -> r.key().equals("t-budget-daily"), 3, Duration.ofSeconds(30));
        states.forEach(r -> GoldenShape.assertSameShape(Topics.BUDGETS, r.value()));
        BudgetV1 latest = EventJson.read(states.get(states.size() - 1).value(), BudgetV1.class);
        assertEquals("exceeded", latest.status().state());
        assertEquals(0, new BigDecimal("1.06").compareTo(latest.status().spent()), latest.toString());
        assertEquals(DAY, latest.status().periodStart());
        assertEquals("warning", EventJson.read(states.get(states.size() - 2).value(), BudgetV1.class).status()
                .state());
    }

    @Test
    void aBudgetIsRefusedNamingItsFields() {
        given().contentType("application/json").body(Map.of("scope_kind", "galaxy", "period", "weekly", "amount", -1))
                .put("/api/budgets/bad").then().statusCode(400)
                .body("error", containsString("scope_kind: 'galaxy'"))
                .body("error", containsString("period: 'weekly'"))
                .body("error", containsString("amount: must be a positive"));
    }

    /**
     * A budget on one API key, priced exactly from what the key used: its calls on both sides of a price change at
     * 10:30 (the hour read call by call), another key's calls left out: 20 x $0.02 + 20 x $0.04 = $1.20 of $1.00.
     */
    @Test
    void anApiKeysBudgetIsPricedFromItsOwnCalls() {
        pricing.record(MonthFixtures.price("keyco", "m-key", "standard", RATES, DAY.minus(Duration.ofDays(30))));
        pricing.record(MonthFixtures.price("keyco", "m-key", "standard", Rates.simple(new BigDecimal("4"),
                new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("8")), DAY.plus(Duration.ofMinutes(630))));
        given().contentType("application/json").body(Map.of("scope_kind", "api_key", "scope", "key-a", "period",
                "daily", "amount", new BigDecimal("1.00"))).put("/api/budgets/key-a-daily").then().statusCode(200);
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            traces.add(keyed("a-before-" + i, "key-a", DAY.plus(Duration.ofMinutes(600 + i))));
            traces.add(keyed("a-after-" + i, "key-a", DAY.plus(Duration.ofMinutes(640 + i))));
        }
        for (int i = 0; i < 30; i++) {
            traces.add(keyed("b-" + i, "key-b", DAY.plus(Duration.ofMinutes(605)).plusSeconds(i)));
        }
        batches.traces(MonthFixtures.records(traces));
        budgets.evaluate();
        given().get("/api/budgets/key-a-daily").then().statusCode(200)
                .body("spent", org.hamcrest.Matchers.equalTo(1.2f))
                .body("exceeded", org.hamcrest.Matchers.equalTo(true));
        var throttle = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.ALERTS,
                r -> r.value().contains("\"rule\":\"budget:key-a-daily\"") && r.value().contains("throttle"), 1,
                Duration.ofSeconds(30));
        AlertV1 signal = EventJson.read(throttle.get(0).value(), AlertV1.class);
        assertEquals("api_key", signal.dimension());
        assertEquals("key-a", signal.scope());
    }

    private static TraceRecordedV1 keyed(String id, String key, Instant at) {
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:keyco:" + id,
                new CanonicalTrace("keyco-" + id, null, null, "keyco-unit-" + id, null, "first_attempt", "w-key",
                        "t-key", null, "keyco", "m-key", "standard", null, key, null, null, null, at, 10_000L, 0L, 0L,
                        0L, 0L, 300L, 900L, null, null, null, null));
    }

    private void send(int from, int count, Instant at) {
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant when = at.plusSeconds(i);
            traces.add(new TraceRecordedV1(UUID.randomUUID(), when, 1, "test", "req:budgetco:" + i,
                    new CanonicalTrace("budgetco-" + i, null, null, "budgetco-unit-" + i, null, "first_attempt",
                            "w-budget", "t-budget", null, "budgetco", "m-budget", "standard", null, null, "proj-budget",
                            null, null, when, 10_000L, 0L, 0L, 0L, 0L, 300L, 900L, null, null, null, null)));
        }
        batches.traces(MonthFixtures.records(traces));
    }

    private static List<AlertV1> signals(int count) {
        var records = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.ALERTS,
                r -> r.value().contains("\"rule\":\"budget:t-budget-daily\""), count, Duration.ofSeconds(30));
        records.forEach(r -> GoldenShape.assertSameShape(Topics.ALERTS, r.value()));
        List<AlertV1> out = new ArrayList<>();
        records.forEach(r -> out.add(EventJson.read(r.value(), AlertV1.class)));
        assertEquals(count, out.size(), out.toString());
        return out;
    }
}
