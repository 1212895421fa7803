package io.lcpr.reconcile.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
import io.lcpr.events.EventJson;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A provider's error rate over seven hours of traffic sent as traces: clean, two bad hours, one clean, one bad, two
 * clean. A rule "error rate above 5% per provider, 90-minute cooldown" fires once when the first bad hour closes,
 * stays quiet through the second and through the flap, and resolves once the provider has been clean for 90
 * minutes; a second rule defined afterwards over the same history (a replay) says the same at the same instants.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class AlertRulesTest {
    static final String PROVIDER = "alertco";
    static final Instant H0 = Instant.parse("2036-02-03T00:00:00Z");
    /** Failed calls in each hour's hundred. */
    static final int[] ERRORS = { 2, 10, 12, 3, 9, 1, 0 };

    @Inject
    UsageBatches batches;
    @Inject
    AlertService alerts;
    @Inject
    AlertDeliveryService delivery;
    @Inject
    io.lcpr.reconcile.pricing.PricingCopyService pricing;

    @Test
    void firesOnceHoldsThroughAFlapAndResolvesAfterTheCooldown() throws InterruptedException {
        define("alertco-errors", H0);
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int h = 0; h < ERRORS.length; h++) {
            for (int i = 0; i < 100; i++) {
                traces.add(call(h + "-" + i, H0.plus(Duration.ofHours(h)).plusSeconds(i * 30L), i < ERRORS[h]));
            }
        }
        // the watermark: a call ten minutes into the next hour closes the seventh (lateness five minutes)
        traces.add(call("late", H0.plus(Duration.ofHours(ERRORS.length)).plusSeconds(600), false));
        batches.traces(MonthFixtures.records(traces));
        alerts.evaluate();

        List<AlertV1> said = published("alertco-errors", 2);
        Instant firstBadHourClosed = H0.plus(Duration.ofHours(2));
        assertEquals(AlertV1.FIRED, said.get(0).status());
        assertEquals(firstBadHourClosed, said.get(0).at());
        assertEquals(0, new BigDecimal("0.1").compareTo(said.get(0).value()), said.get(0).toString());
        assertEquals("provider", said.get(0).dimension());
        assertEquals(PROVIDER, said.get(0).scope());
        // clean from hour 5 on: clear for 90 minutes at the end of hour 6
        assertEquals(AlertV1.RESOLVED, said.get(1).status());
        assertEquals(H0.plus(Duration.ofHours(7)), said.get(1).at());
        assertEquals(said.get(0).alertId(), said.get(1).alertId(), "the resolution names the firing");
        alerts.evaluate(); // nothing more for this rule: the hours after hold no traffic of its scope
        Thread.sleep(1_500); // the outbox relay's period, so that a third event would be on the topic
        published("alertco-errors", 2);
        given().queryParam("from", said.get(0).windowStart().toString()).queryParam("to", said.get(0).windowEnd().toString())
                .queryParam("by", "provider").get(said.get(0).evidence().substring(0, said.get(0).evidence().indexOf('?')))
                .then().statusCode(200).body("alertco.errors", org.hamcrest.Matchers.equalTo(10));

        define("alertco-errors-replayed", H0);
        alerts.evaluate();
        List<AlertV1> replayed = published("alertco-errors-replayed", 2);
        assertEquals(List.of(said.get(0).at(), said.get(1).at()), List.of(replayed.get(0).at(), replayed.get(1).at()));
    }

    /**
     * A workload's cache hit rate: 60% for six hours, 25% in the seventh, 58% in the eighth. "Below half its trailing
     * average" (a ratio to the six hours before) and "down more than 15 points" (a difference) both fire when the
     * seventh hour closes and resolve when the eighth does.
     */
    @Test
    void rulesAgainstATrailingBaseline() {
        Instant h0 = Instant.parse("2036-03-05T00:00:00Z");
        double[] hitRate = { 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.25, 0.58 };
        for (String[] rule : new String[][] { { "cache-halved", "ratio", "0.5" },
                { "cache-down-15", "difference", "-0.15" } }) {
            given().contentType("application/json").body(Map.of("metric", "cache_hit_rate", "dimension", "workload",
                    "scope", "w-cache", "comparison", "below", "threshold", new BigDecimal(rule[2]), "compare_to",
                    "trailing", "baseline_hours", 6, "change", rule[1], "evaluate_from", h0.toString()))
                    .put("/api/alert-rules/" + rule[0]).then().statusCode(200);
        }
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int h = 0; h < hitRate.length; h++) {
            for (int i = 0; i < 50; i++) {
                Instant at = h0.plus(Duration.ofHours(h)).plusSeconds(i * 60L);
                long read = Math.round(1000 * hitRate[h]);
                traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:cacheco:" + h + "-" + i,
                        new CanonicalTrace("cacheco-" + h + "-" + i, null, null, "cacheco-unit-" + h + "-" + i, null,
                                "first_attempt", "w-cache", "t-cache", null, "cacheco", "m-cache", "standard", null,
                                null, null, null, null, at, 1000L, read, 0L, 80L, 0L, 300L, 900L, null, null, null,
                                null)));
            }
        }
        traces.add(call("cache-watermark", h0.plus(Duration.ofHours(hitRate.length)).plusSeconds(900), false));
        batches.traces(MonthFixtures.records(traces));
        alerts.evaluate();
        for (String rule : List.of("cache-halved", "cache-down-15")) {
            List<AlertV1> said = published(rule, 2);
            assertEquals(AlertV1.FIRED, said.get(0).status());
            assertEquals(h0.plus(Duration.ofHours(7)), said.get(0).at(), rule);
            assertEquals(0, new BigDecimal("0.25").compareTo(said.get(0).value()), said.get(0).toString());
            assertEquals(0, new BigDecimal("0.6").compareTo(said.get(0).baseline()), said.get(0).toString());
            assertEquals(AlertV1.RESOLVED, said.get(1).status());
            assertEquals(h0.plus(Duration.ofHours(8)), said.get(1).at(), rule);
        }
        assertEquals(0, new BigDecimal("-0.35").compareTo(published("cache-down-15", 2).get(0).compared()));
    }

    /**
     * A webhook that answers 503 twice: the alert is kept, tried again with backoff, and delivered once, as a
     * Slack-compatible body naming the rule and the scope.
     */
    @Test
    void aWebhookThatFailsTwiceReceivesTheAlertOnce() throws Exception {
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer
                .create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            int status = answered.incrementAndGet() <= 2 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            Instant h0 = Instant.parse("2036-04-07T00:00:00Z");
            given().contentType("application/json").body(Map.of("url", "http://127.0.0.1:"
                    + server.getAddress().getPort() + "/hook", "rules", List.of("hook-errors")))
                    .put("/api/alert-rules/webhooks/test-hook").then().statusCode(200);
            // a cooldown of weeks: other tests' traffic moves the watermark on, and only the firing is delivered here
            given().contentType("application/json").body(Map.of("metric", "error_rate", "dimension", "provider",
                    "scope", "hookco", "threshold", new BigDecimal("0.05"), "cooldown_minutes", 100_000,
                    "evaluate_from", h0.toString())).put("/api/alert-rules/hook-errors").then().statusCode(200);
            List<TraceRecordedV1> traces = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Instant at = h0.plusSeconds(i * 60L);
                traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:hookco:" + i,
                        new CanonicalTrace("hookco-" + i, null, null, "hookco-unit-" + i, null, "first_attempt",
                                "w-hook", "t-hook", null, "hookco", "m-hook", "standard", null, null, null, null, null,
                                at, 100L, 0L, 0L, 10L, 0L, 100L, 200L, i < 8 ? "error" : "ok",
                                i < 8 ? "timeout" : null, null, null)));
            }
            traces.add(call("hook-watermark", h0.plus(Duration.ofHours(1)).plusSeconds(600), false));
            batches.traces(MonthFixtures.records(traces));
            alerts.evaluate();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (answered.get() < 3 && System.nanoTime() < deadline) {
                delivery.sendDue();
                Thread.sleep(150);
            }
            delivery.sendDue();
            assertEquals(3, received.size(), "two failures, then delivered: " + received.size() + " posts");
            assertEquals(1, received.stream().distinct().count(), "the same alert each time");
            var body = EventJson.MAPPER.readTree(received.get(0));
            assertTrue(body.get("text").asText().contains("*hook-errors* fired for provider hookco"),
                    body.get("text").asText());
            assertEquals("fired", body.get("alert").get("status").asText());
            given().get("/api/alert-rules/deliveries").then().statusCode(200)
                    .body("find { it.webhook == 'test-hook' }.attempts", org.hamcrest.Matchers.equalTo(3))
                    .body("find { it.webhook == 'test-hook' }.deliveredAt", org.hamcrest.Matchers.notNullValue());
        } finally {
            server.stop(0);
        }
    }

    /** A rule that opens an incident: its firing declares one on the workload, from the window, naming the alert. */
    @Test
    void aFiringOpensAnIncident() {
        Instant h0 = Instant.parse("2036-05-12T10:00:00Z");
        given().contentType("application/json").body(Map.of("metric", "error_rate", "dimension", "workload", "scope",
                "w-opens", "threshold", new BigDecimal("0.05"), "open_incident", "capacity", "evaluate_from",
                h0.toString())).put("/api/alert-rules/opens-incident").then().statusCode(200);
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = h0.plusSeconds(i * 60L);
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:opensco:" + i,
                    new CanonicalTrace("opensco-" + i, null, null, "opensco-unit-" + i, null, "first_attempt",
                            "w-opens", "t-opens", null, "opensco", "m-opens", "standard", null, null, null, null, null,
                            at, 100L, 0L, 0L, 10L, 0L, 100L, 200L, i < 10 ? "error" : "ok", i < 10 ? "timeout" : null,
                            null, null)));
        }
        traces.add(call("opens-watermark", h0.plus(Duration.ofHours(1)).plusSeconds(600), false));
        batches.traces(MonthFixtures.records(traces));
        alerts.evaluate();
        AlertV1 fired = published("opens-incident", 1).get(0);
        var incident = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.INCIDENTS,
                r -> r.value().contains(fired.alertId().toString()), 1, Duration.ofSeconds(30));
        IncidentV1 opened = EventJson.read(incident.get(0).value(), IncidentV1.class);
        assertEquals("capacity", opened.category());
        assertEquals(List.of("w-opens"), opened.workloads());
        assertEquals(h0, opened.startedAt());
        assertEquals("declared", opened.status());
        given().contentType("application/json").body(Map.of("metric", "error_rate", "dimension", "provider",
                "threshold", 1, "open_incident", "capacity")).put("/api/alert-rules/bad-opener").then()
                .statusCode(400).body("error", containsString("open_incident"));
    }

    /**
     * 003's "cost per hour over 2x the trailing average" on a workload, from the priced usage: a day at 30 calls an
     * hour, then an hour at 120. Evaluated from the end of that day (a full trailing day to compare with), it fires
     * when the busy hour closes (4x) and resolves the hour after.
     */
    @Test
    void costPerHourAgainstItsTrailingAverage() {
        Instant h0 = Instant.parse("2036-06-01T00:00:00Z");
        pricing.record(MonthFixtures.price("costco", "m-cost", "standard", io.lcpr.price.Rates.simple(
                new BigDecimal("2"), new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("8")),
                h0.minus(Duration.ofDays(1))));
        given().contentType("application/json").body(Map.of("metric", "cost_per_hour", "dimension", "workload",
                "scope", "w-cost", "threshold", new BigDecimal("2"), "compare_to", "trailing", "baseline_hours", 24,
                "evaluate_from", h0.plus(Duration.ofHours(24)).toString())).put("/api/alert-rules/cost-surge").then()
                .statusCode(200);
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int h = 0; h < 26; h++) {
            int calls = h == 24 ? 120 : 30;
            for (int i = 0; i < calls; i++) {
                Instant at = h0.plus(Duration.ofHours(h)).plusSeconds(i * 25L);
                String id = h + "-" + i;
                traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:costco:" + id,
                        new CanonicalTrace("costco-" + id, null, null, "costco-unit-" + id, null, "first_attempt",
                                "w-cost", "t-cost", null, "costco", "m-cost", "standard", null, null, null, null, null,
                                at, 10_000L, 0L, 0L, 0L, 0L, 100L, 200L, null, null, null, null)));
            }
        }
        traces.add(call("cost-watermark", h0.plus(Duration.ofHours(26)).plusSeconds(600), false));
        batches.traces(MonthFixtures.records(traces));
        alerts.evaluate();
        List<AlertV1> said = published("cost-surge", 2);
        assertEquals(AlertV1.FIRED, said.get(0).status());
        assertEquals(h0.plus(Duration.ofHours(25)), said.get(0).at());
        assertEquals(0, new BigDecimal("2.4").compareTo(said.get(0).value()), said.get(0).toString()); // $ an hour
        assertEquals(0, new BigDecimal("0.6").compareTo(said.get(0).baseline()), said.get(0).toString());
        assertEquals(0, new BigDecimal("4").compareTo(said.get(0).compared()), said.get(0).toString());
        assertEquals(AlertV1.RESOLVED, said.get(1).status());
        assertEquals(h0.plus(Duration.ofHours(26)), said.get(1).at());
        given().contentType("application/json").body(Map.of("metric", "cost_per_hour", "dimension", "model",
                "threshold", 1)).put("/api/alert-rules/cost-per-model").then().statusCode(400)
                .body("error", containsString("cost_per_hour is priced per workload, team, provider or project"));
    }

    /**
     * 003's "provider error rate over 5% in 15 minutes", on five-minute counts: twenty calls every five minutes for two
     * hours, four of them failing in minutes 15 to 30 and again in minutes 45 to 50 (a flap). The rule (15-minute
     * window, 15-minute cooldown) fires when the first failing bucket has closed, holds through the flap, and resolves
     * once three clean buckets have passed.
     */
    @Test
    void errorRateOverFifteenMinutes() {
        Instant h0 = Instant.parse("2036-06-20T00:00:00Z");
        given().contentType("application/json").body(Map.of("metric", "error_rate", "dimension", "provider", "scope",
                "minuteco", "threshold", new BigDecimal("0.05"), "window_minutes", 15, "cooldown_minutes", 15,
                "evaluate_from", h0.toString())).put("/api/alert-rules/errors-15m").then().statusCode(200);
        java.util.Set<Integer> failing = java.util.Set.of(3, 4, 5, 9);
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int b = 0; b < 24; b++) {
            for (int i = 0; i < 20; i++) {
                Instant at = h0.plusSeconds(b * 300L + i * 15L);
                boolean failed = failing.contains(b) && i < 4;
                traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:minuteco:" + b + "-" + i,
                        new CanonicalTrace("minuteco-" + b + "-" + i, null, null, "minuteco-unit-" + b + "-" + i, null,
                                "first_attempt", "w-minute", "t-minute", null, "minuteco", "m-minute", "standard",
                                null, null, null, null, null, at, 100L, 0L, 0L, 10L, 0L, 100L, 200L,
                                failed ? "error" : "ok", failed ? "server_error" : null, null, null)));
            }
        }
        traces.add(call("minute-watermark", h0.plus(Duration.ofHours(2)).plusSeconds(600), false));
        batches.traces(MonthFixtures.records(traces));
        alerts.evaluate();
        List<AlertV1> said = published("errors-15m", 2);
        assertEquals(AlertV1.FIRED, said.get(0).status());
        assertEquals(h0.plus(Duration.ofMinutes(20)), said.get(0).at());
        assertEquals(h0.plus(Duration.ofMinutes(5)), said.get(0).windowStart());
        assertEquals(0.0667, said.get(0).value().doubleValue(), 1e-4);
        assertEquals(AlertV1.RESOLVED, said.get(1).status());
        assertEquals(h0.plus(Duration.ofMinutes(75)), said.get(1).at());
        given().contentType("application/json").body(Map.of("metric", "cache_hit_rate", "dimension", "provider",
                "threshold", 1, "window_minutes", 7)).put("/api/alert-rules/bad-minutes").then().statusCode(400)
                .body("error", containsString("window_minutes: must be a multiple of 5 under 60"))
                .body("error", containsString("only error_rate and calls_per_hour are counted per five minutes"));
        given().contentType("application/json").body(Map.of("metric", "error_rate", "dimension", "team",
                "threshold", 1, "window_minutes", 15)).put("/api/alert-rules/bad-minutes").then().statusCode(400)
                .body("error", containsString("counted per five minutes per provider and model, not per team"));
    }

    @Test
    void aRuleIsRefusedNamingItsFields() {
        given().contentType("application/json").body(Map.of("metric", "error_ratio", "dimension", "galaxy",
                "threshold", 1, "window_hours", 0)).put("/api/alert-rules/bad").then().statusCode(400)
                .body("error", containsString("metric: 'error_ratio'"))
                .body("error", containsString("dimension: 'galaxy'"))
                .body("error", containsString("window_hours: must be 1 to 672"));
    }

    private static void define(String name, Instant from) {
        given().contentType("application/json").body(Map.of("metric", "error_rate", "dimension", "provider", "scope",
                PROVIDER, "comparison", "above", "threshold", new BigDecimal("0.05"), "cooldown_minutes", 90,
                "evaluate_from", from.toString())).put("/api/alert-rules/" + name).then().statusCode(200);
    }

    static List<AlertV1> published(String rule, int count) {
        var records = TopicReader.await(LocalInfraTestResource.bootstrapServers(), Topics.ALERTS,
                r -> r.value().contains("\"rule\":\"" + rule + "\""), count, Duration.ofSeconds(30));
        records.forEach(r -> GoldenShape.assertSameShape(Topics.ALERTS, r.value()));
        List<AlertV1> out = new ArrayList<>();
        records.forEach(r -> out.add(EventJson.read(r.value(), AlertV1.class)));
        assertEquals(count, out.size(), out.toString());
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i - 1).at().isBefore(out.get(i).at()));
        }
        return out;
    }

    private static TraceRecordedV1 call(String id, Instant at, boolean failed) {
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:alertco:" + id,
                new CanonicalTrace("alertco-" + id, null, null, "alertco-unit-" + id, null, "first_attempt", "w-alerts",
                        "t-alerts", null, PROVIDER, "m-alerts", "standard", null, "key-alerts", "proj-alerts", null, null,
                        at, 500L, 0L, 0L, 100L, 0L, 300L, 900L, failed ? "error" : "ok", failed ? "rate_limit" : null,
                        null, null));
    }
}
