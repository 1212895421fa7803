package io.lcpr.reconcile.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.AlertV1;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.lcpr.infra.LocalInfraProfile;
import jakarta.inject.Inject;

/**
 * The rules read from judged work units (001 ch 25): a quality pass rate under the workload's floor, an escalation
 * rate spike against its trailing average, and LCPR up more than 10% week over week. Each workload's hours are sent
 * as they would arrive (a call per unit, its eval verdict, an escalation for some), with a flap in the middle: each
 * rule fires once, stays quiet while the condition holds and through the flap, and resolves after its cooldown.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class WorkUnitAlertsTest {
    static final Instant WEEK1 = Instant.parse("2036-07-06T00:00:00Z");
    static final Instant WEEK2 = WEEK1.plus(Duration.ofDays(7));
    static final int UNITS_PER_HOUR = 40;

    @Inject
    UsageBatches batches;
    @Inject
    AlertService alerts;
    @Inject
    PricingCopyService pricing;

    private final List<TraceRecordedV1> traces = new ArrayList<>();
    private final List<OutcomeRecordedV1> outcomes = new ArrayList<>();

    @Test
    void passRateFloorEscalationSpikeAndLcprWeekOverWeek() {
        pricing.record(MonthFixtures.price("unitco", "m-units", "standard",
                Rates.simple(new BigDecimal("3"), new BigDecimal("0.3"), new BigDecimal("3.75"), new BigDecimal("15")),
                WEEK1.minus(Duration.ofDays(1))));
        define("quality-floor", Map.of("metric", "pass_rate", "scope", "w-quality", "comparison", "below",
                "threshold", new BigDecimal("0.8"), "cooldown_minutes", 90, "evaluate_from", WEEK2.toString()));
        define("escalation-spike", Map.of("metric", "escalation_rate", "scope", "w-escalate", "threshold",
                new BigDecimal("3"), "compare_to", "trailing", "baseline_hours", 6, "cooldown_minutes", 90,
                "evaluate_from", WEEK2.plus(Duration.ofHours(6)).toString()));
        define("lcpr-week-over-week", Map.of("metric", "lcpr", "scope", "w-lcpr", "threshold",
                new BigDecimal("1.1"), "compare_to", "earlier", "baseline_hours", 168, "evaluate_from",
                WEEK2.toString()));

        // failed evals in each hour's forty units: the floor of 80% is breached in hours 2, 3 and 5
        hours("w-quality", WEEK2, new int[] { 4, 4, 14, 12, 5, 10, 3, 4 }, new int[8]);
        // escalations: one an hour for six hours (2.5%), then 15% and 20%, one hour at 2.5%, 25% (over 3x again), then calm
        hours("w-escalate", WEEK2, new int[12], new int[] { 1, 1, 1, 1, 1, 1, 6, 8, 1, 10, 1, 1, 1 });
        // the same eight hours a week apart: four failed of forty, then ten failed in hours 3 and 4 (LCPR x 36/30)
        hours("w-lcpr", WEEK1, new int[] { 4, 4, 4, 4, 4, 4, 4, 4 }, new int[8]);
        hours("w-lcpr", WEEK2, new int[] { 4, 4, 4, 10, 10, 4, 4, 4 }, new int[8]);
        traces.add(trace("watermark", "watermark", "w-watermark", WEEK2.plus(Duration.ofHours(13)).plusSeconds(900)));
        batches.traces(MonthFixtures.records(traces));
        batches.outcomes(MonthFixtures.records(outcomes));
        alerts.evaluate();

        List<AlertV1> quality = AlertRulesTest.published("quality-floor", 2);
        assertEquals(AlertV1.FIRED, quality.get(0).status());
        assertEquals(WEEK2.plus(Duration.ofHours(3)), quality.get(0).at());
        assertEquals(0, new BigDecimal("0.65").compareTo(quality.get(0).value()), quality.get(0).toString());
        // clear from hour 6: 90 minutes clear when hour 7 closes
        assertEquals(AlertV1.RESOLVED, quality.get(1).status());
        assertEquals(WEEK2.plus(Duration.ofHours(8)), quality.get(1).at());

        List<AlertV1> escalation = AlertRulesTest.published("escalation-spike", 2);
        assertEquals(AlertV1.FIRED, escalation.get(0).status());
        assertEquals(WEEK2.plus(Duration.ofHours(7)), escalation.get(0).at());
        assertEquals(0, new BigDecimal("6").compareTo(escalation.get(0).compared()), escalation.get(0).toString());
        assertEquals(AlertV1.RESOLVED, escalation.get(1).status());
        assertEquals(WEEK2.plus(Duration.ofHours(12)), escalation.get(1).at());

        List<AlertV1> lcpr = AlertRulesTest.published("lcpr-week-over-week", 2);
        assertEquals(AlertV1.FIRED, lcpr.get(0).status());
        assertEquals(WEEK2.plus(Duration.ofHours(4)), lcpr.get(0).at());
        assertEquals(0, new BigDecimal("1.2").compareTo(lcpr.get(0).compared()), lcpr.get(0).toString());
        assertEquals(AlertV1.RESOLVED, lcpr.get(1).status());
        assertEquals(WEEK2.plus(Duration.ofHours(6)), lcpr.get(1).at());

        given().contentType("application/json").body(Map.of("metric", "pass_rate", "dimension", "team",
                "threshold", new BigDecimal("0.8"))).put("/api/alert-rules/pass-per-team").then().statusCode(400)
                .body("error", containsString("pass_rate is judged per work unit of a workload, not per team"));
    }

    /** An hour of units per entry: each unit one call and its eval verdict, {@code failed[h]} failing; escalations. */
    private void hours(String workload, Instant from, int[] failed, int[] escalated) {
        for (int h = 0; h < Math.max(failed.length, escalated.length); h++) {
            for (int i = 0; i < UNITS_PER_HOUR; i++) {
                String unit = workload + "-" + from + "-" + h + "-" + i;
                Instant at = from.plus(Duration.ofHours(h)).plusSeconds(i * 60L);
                traces.add(trace(unit + "-call", unit, workload, at));
                if (h < escalated.length && i < escalated[h]) {
                    outcomes.add(MonthFixtures.outcome("escalation", null, unit, null, null, null, at.plusSeconds(30)));
                } else {
                    boolean passed = h >= failed.length || i >= failed[h];
                    outcomes.add(MonthFixtures.outcome("eval", unit + "-call", unit, passed, null, null,
                            at.plusSeconds(20)));
                }
            }
        }
    }

    private static TraceRecordedV1 trace(String request, String unit, String workload, Instant at) {
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:unitco:" + request,
                new CanonicalTrace(request, null, null, unit, null, "first_attempt", workload, "t-units", null,
                        "unitco", "m-units", "standard", null, null, null, null, null, at, 2_000L, 0L, 0L, 400L, 0L,
                        300L, 900L, null, null, null, null));
    }

    private static void define(String name, Map<String, Object> rule) {
        Map<String, Object> body = new HashMap<>(rule);
        body.put("dimension", "workload");
        given().contentType("application/json").body(body).put("/api/alert-rules/" + name).then().statusCode(200);
    }
}
