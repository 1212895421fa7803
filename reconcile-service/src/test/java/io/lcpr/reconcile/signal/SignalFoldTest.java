package io.lcpr.reconcile.signal;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.usage.FoldKeys;
import io.lcpr.reconcile.usage.UsageBatches;
import io.lcpr.reconcile.usage.UsageRebuilds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The operating signals folded from polls (two at a time, as two replicas would, with redelivered traces) read back,
 * on every dimension, what folding each distinct trace once gives; and again after compaction, and after a rebuild
 * from the stored calls.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class SignalFoldTest {
    private static final String[] WORKLOADS = { "chat", "extract", null };
    private static final String[] TEAMS = { "t-a", "t-b", null };
    private static final String[] MODELS = { "m-1", "m-2", "m-3" };
    private static final String[] KEYS = { "key-1", "key-2", null };
    private static final String[] ERRORS = { null, null, null, null, "rate_limit", "timeout" };

    @Inject
    UsageBatches batches;
    @Inject
    SignalService signals;
    @Inject
    SignalCompactor compactor;
    @Inject
    UsageRebuilds rebuilds;
    @Inject
    EntityManager em;

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3 })
    void foldedSignalsEqualOneFoldOfTheDistinctTraces(long seed) throws Exception {
        Random random = new Random(seed);
        YearMonth month = YearMonth.of(2032, (int) seed);
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        String provider = "sig-" + seed + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<TraceRecordedV1> traces = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            // most calls in a few hours, so that keys repeat across polls
            Instant at = start.plusSeconds(random.nextInt(6) * 3_600L + random.nextInt(3_600));
            String error = ERRORS[random.nextInt(ERRORS.length)];
            Map<String, String> attributes = random.nextInt(10) == 0
                    ? Map.of(FoldKeys.SAMPLING_WEIGHT_ATTRIBUTE, Integer.toString(2 + random.nextInt(9)))
                    : null;
            long input = 10 + random.nextInt(20_000);
            CanonicalTrace t = new CanonicalTrace(provider + "-req-" + i, null, null, provider + "-unit-" + i / 2,
                    null, i % 2 == 0 ? "first_attempt" : "retry", WORKLOADS[random.nextInt(WORKLOADS.length)],
                    TEAMS[random.nextInt(TEAMS.length)], null, provider, MODELS[random.nextInt(MODELS.length)],
                    "standard", null, KEYS[random.nextInt(KEYS.length)], "proj-" + random.nextInt(2), null, null, at,
                    input, (long) random.nextInt((int) input), (long) random.nextInt(50),
                    random.nextInt(10) == 0 ? null : (long) random.nextInt(3_000), null,
                    random.nextInt(6) == 0 ? null : (long) random.nextInt(2_500), (long) random.nextInt(40_000),
                    error == null ? "ok" : "error", error, null, attributes);
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:" + provider + ":" + i, t));
        }
        List<TraceRecordedV1> delivered = new ArrayList<>(traces);
        for (int i = 0; i < traces.size() / 5; i++) {
            delivered.add(traces.get(random.nextInt(traces.size())));
        }
        Collections.shuffle(delivered, random);
        List<List<TraceRecordedV1>> polls = new ArrayList<>();
        for (int i = 0; i < delivered.size();) {
            int n = 1 + random.nextInt(150);
            polls.add(delivered.subList(i, Math.min(delivered.size(), i + n)));
            i += n;
        }
        // two consumers side by side, each taking every other poll
        CompletableFuture<?>[] consumers = new CompletableFuture<?>[2];
        for (int c = 0; c < 2; c++) {
            int first = c;
            consumers[c] = CompletableFuture.runAsync(() -> {
                for (int p = first; p < polls.size(); p += 2) {
                    batches.traces(MonthFixtures.records(polls.get(p)));
                }
            });
        }
        CompletableFuture.allOf(consumers).get();

        Period period = Period.parse(month.toString());
        assertTrue(rows(period) > keys(period), "seed " + seed + ": polls appended several rows for some keys");
        assertSignals(period, traces, "folded");

        assertTrue(compactor.hoursToCompact() > 0, "seed " + seed + ": the folded hours wait for a pass");
        compactor.compactTouched();
        assertEquals(0, compactor.hoursToCompact(), "seed " + seed + ": none after it");
        assertEquals(keys(period), rows(period), "seed " + seed + ": one row per key after compaction");
        assertEquals(countKeys(period), countRows(period), "seed " + seed + ": one count row per bucket and key");
        assertSignals(period, traces, "compacted");

        UsageRebuilds.Rebuild rebuild = rebuilds.start(period);
        Await.until(Duration.ofSeconds(60), "the rebuild", () -> !"running".equals(
                rebuilds.find(rebuild.id()).orElseThrow().status()));
        assertEquals("completed", rebuilds.find(rebuild.id()).orElseThrow().status());
        assertSignals(period, traces, "rebuilt");

        Map<?, ?> byModel = given().queryParam("period", period.label()).queryParam("by", "model")
                .get("/api/signals").then().statusCode(200).extract().as(Map.class);
        assertEquals(MODELS.length, byModel.size(), "seed " + seed + ": one entry per model over HTTP");
        given().queryParam("period", period.label()).queryParam("by", "colour").get("/api/signals").then()
                .statusCode(400);
    }

    private void assertSignals(Period period, List<TraceRecordedV1> traces, String stage) {
        for (SignalKey.Dimension by : SignalKey.Dimension.values()) {
            Map<String, SignalRollup> expected = new TreeMap<>();
            traces.forEach(e -> expected.computeIfAbsent(SignalKey.of(e.trace()).on(by), k -> new SignalRollup())
                    .add(e.trace(), FoldKeys.weight(e.trace())));
            Map<String, SignalRollup.Summary> want = new TreeMap<>();
            expected.forEach((k, r) -> want.put(k, r.summary()));
            assertEquals(want, signals.read(period, by), stage + " signals by " + by);
        }
        // the five-minute counts: calls and failed calls of each quarter hour of the first hour, per model
        Instant hour = period.start();
        for (int q = 0; q < 4; q++) {
            Instant from = hour.plusSeconds(q * 900L);
            Instant to = from.plusSeconds(900);
            Map<String, List<Long>> want = new TreeMap<>();
            traces.stream().filter(e -> !e.trace().startedAt().isBefore(from) && e.trace().startedAt().isBefore(to))
                    .forEach(e -> {
                        int w = FoldKeys.weight(e.trace());
                        want.merge(SignalKey.of(e.trace()).on(SignalKey.Dimension.MODEL),
                                List.of((long) w, e.trace().errored() ? (long) w : 0L),
                                (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
                    });
            Map<String, List<Long>> got = new TreeMap<>();
            signals.counts(from, to, SignalKey.Dimension.MODEL).forEach((k, c) -> got.put(k, List.of(c[0], c[1])));
            assertEquals(want, got, stage + " five-minute counts of " + from);
        }
        // each API key's weighted calls and input tokens, as a budget on the key is priced from them
        Map<String, List<Long>> perKey = new TreeMap<>();
        traces.stream().filter(e -> e.trace().apiKeyId() != null).forEach(e -> {
            long w = FoldKeys.weight(e.trace());
            perKey.merge(e.trace().apiKeyId(), List.of(w, w * e.trace().inputTokens()),
                    (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
        });
        perKey.forEach((key, sums) -> {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "select coalesce(sum(calls), 0), coalesce(sum(input_tokens), 0) from usage_key_hourly"
                            + " where api_key_id = :k and hour >= :s and hour < :e").setParameter("k", key)
                    .setParameter("s", period.start()).setParameter("e", period.end()).getSingleResult());
            assertEquals(sums, List.of(((Number) row[0]).longValue(), ((Number) row[1]).longValue()),
                    stage + " usage of API key " + key);
        });
    }

    private long rows(Period period) {
        return count("select count(*) from signal_hourly where hour >= :s and hour < :e", period);
    }

    private long countRows(Period period) {
        return count("select count(*) from signal_5m where bucket >= :s and bucket < :e", period);
    }

    private long countKeys(Period period) {
        return count("select count(distinct (bucket, provider, model))"
                + " from signal_5m where bucket >= :s and bucket < :e", period);
    }

    private long keys(Period period) {
        return count("select count(distinct (hour, workload, team, provider, model, api_key_id, project_id))"
                + " from signal_hourly where hour >= :s and hour < :e", period);
    }

    private long count(String sql, Period period) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("s", period.start()).setParameter("e", period.end()).getSingleResult()).longValue());
    }

}
