package io.lcpr.reconcile.alert;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.AlertV1;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * 001 ch 25's "p95 latency of a model over a limit" and "output length p95 up more than 25% week over week", each on
 * a crafted series with a flap: each fires once, stays quiet while the condition holds and through the flap, and
 * resolves after its cooldown.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class LatencyAndOutputAlertsTest {
    static final Instant H0 = Instant.parse("2036-08-11T00:00:00Z");

    @Inject
    UsageBatches batches;
    @Inject
    AlertService alerts;

    @Test
    void p95LatencyOverALimitAndOutputLengthUpWeekOverWeek() {
        given().contentType("application/json").body(Map.of("metric", "e2e_p95_ms", "dimension", "model", "scope",
                "latco/m-lat", "threshold", 2_000, "cooldown_minutes", 90, "evaluate_from", H0.toString()))
                .put("/api/alert-rules/e2e-p95-limit").then().statusCode(200);
        Instant week2 = H0.plus(Duration.ofDays(7));
        given().contentType("application/json").body(Map.of("metric", "output_length_p95", "dimension", "workload",
                "scope", "w-out", "threshold", new BigDecimal("1.25"), "compare_to", "earlier", "baseline_hours", 168,
                "evaluate_from", week2.toString())).put("/api/alert-rules/output-p95-wow").then().statusCode(200);

        List<TraceRecordedV1> traces = new ArrayList<>();
        // slow calls (5 s, 4 of 40: over the p95) in hours 2, 3 and 5 of eight
        int[] slow = { 0, 0, 4, 4, 0, 4, 0, 0 };
        for (int h = 0; h < slow.length; h++) {
            for (int i = 0; i < 40; i++) {
                traces.add(call("lat-" + h + "-" + i, "latco", "m-lat", "w-lat", H0.plus(Duration.ofHours(h))
                        .plusSeconds(i * 60L), i < slow[h] ? 5_000 : 500, 300));
            }
        }
        // 400 output tokens a call, the same four hours a week apart; 600 in hours 1 and 2 of the second week
        int[] longer = { 400, 600, 600, 400 };
        for (int h = 0; h < longer.length; h++) {
            for (int i = 0; i < 40; i++) {
                traces.add(call("out1-" + h + "-" + i, "outco", "m-out", "w-out", H0.plus(Duration.ofHours(h))
                        .plusSeconds(i * 60L), 500, 400));
                traces.add(call("out2-" + h + "-" + i, "outco", "m-out", "w-out", week2.plus(Duration.ofHours(h))
                        .plusSeconds(i * 60L), 500, longer[h]));
            }
        }
        traces.add(call("lat-watermark", "latco", "m-lat", "w-lat", week2.plus(Duration.ofHours(5)), 500, 300));
        batches.traces(MonthFixtures.records(traces));
        alerts.evaluate();

        List<AlertV1> latency = AlertRulesTest.published("e2e-p95-limit", 2);
        assertEquals(AlertV1.FIRED, latency.get(0).status());
        assertEquals(H0.plus(Duration.ofHours(3)), latency.get(0).at());
        assertTrue(latency.get(0).value().compareTo(new BigDecimal("4900")) > 0, latency.get(0).toString());
        assertEquals(AlertV1.RESOLVED, latency.get(1).status());
        assertEquals(H0.plus(Duration.ofHours(8)), latency.get(1).at(), "90 minutes clear after the flap");

        List<AlertV1> output = AlertRulesTest.published("output-p95-wow", 2);
        assertEquals(AlertV1.FIRED, output.get(0).status());
        assertEquals(week2.plus(Duration.ofHours(2)), output.get(0).at());
        assertEquals(1.5, output.get(0).compared().doubleValue(), 0.02, output.get(0).toString());
        assertEquals(AlertV1.RESOLVED, output.get(1).status());
        assertEquals(week2.plus(Duration.ofHours(4)), output.get(1).at());
    }

    private static TraceRecordedV1 call(String id, String provider, String model, String workload, Instant at,
            long e2eMs, long output) {
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:" + provider + ":" + id,
                new CanonicalTrace(provider + "-" + id, null, null, provider + "-unit-" + id, null, "first_attempt",
                        workload, "t-" + provider, null, provider, model, "standard", null, null, null, null, null, at,
                        1_000L, 0L, 0L, output, 0L, 200L, e2eMs, null, null, null, null));
    }
}
