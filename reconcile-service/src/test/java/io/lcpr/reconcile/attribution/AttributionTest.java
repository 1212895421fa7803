package io.lcpr.reconcile.attribution;

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

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.reconciliation.ReconciliationRuns;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A month with a shared system prompt (the platform team warms it, two product teams read it), a fine-tuned adapter
 * called by two teams and a dedicated endpoint whose busiest hour two teams share: the run states, per kind,
 * reference and team, the calls and tokens, the cache reads' discount at the contract rates and the endpoint's peak,
 * each trace counted once however often it is delivered.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class AttributionTest {
    static final Instant DAY = Instant.parse("2033-08-10T00:00:00Z");
    /** $2 input, $0.50 cache read per million tokens: a cache-read token saves $1.50 per million. */
    static final Rates RATES = Rates.simple(new BigDecimal("2"), new BigDecimal("0.5"), new BigDecimal("2.5"),
            new BigDecimal("8"));

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;

    @Test
    void prefixesAdaptersAndEndpointsPerTeam() {
        pricing.record(MonthFixtures.price("attrco", "m-attr", "standard", RATES, DAY.minus(Duration.ofDays(30))));
        List<TraceRecordedV1> traces = new ArrayList<>();
        // the platform team writes the shared prefix once an hour; support reads 3,000 tokens of it per call, search 1,000
        for (int h = 0; h < 4; h++) {
            Instant at = DAY.plus(Duration.ofHours(h));
            traces.add(trace("warm-" + h, "platform", at, 4_000, 0, 3_000, Map.of("lcpr.prefix_id", "sys-v3")));
            for (int i = 0; i < 10; i++) {
                traces.add(trace("sup-" + h + "-" + i, "support", at.plusSeconds(60 + i), 4_000, 3_000, 0,
                        Map.of("lcpr.prefix_id", "sys-v3", "lcpr.endpoint_id", "ded-1")));
                traces.add(trace("sea-" + h + "-" + i, "search", at.plusSeconds(90 + i), 2_000, 1_000, 0,
                        Map.of("lcpr.prefix_id", "sys-v3", "lcpr.adapter_id", "lora-legal")));
            }
        }
        // the endpoint's busiest hour: hour 2, where search joins support on it
        for (int i = 0; i < 20; i++) {
            traces.add(trace("peak-" + i, "search", DAY.plus(Duration.ofHours(2)).plusSeconds(300 + i), 5_000, 0, 0,
                    Map.of("lcpr.endpoint_id", "ded-1")));
        }
        batches.traces(MonthFixtures.records(traces));
        batches.traces(MonthFixtures.records(traces.subList(0, 30))); // redelivered: counted once
        // support's units pass their evals, search's fail: accepted outputs per team for chargeback's basis
        List<io.lcpr.events.OutcomeRecordedV1> verdicts = new ArrayList<>();
        traces.stream().filter(t -> t.trace().team().equals("support") || t.trace().team().equals("search"))
                .forEach(t -> verdicts.add(MonthFixtures.outcome("eval", t.trace().requestId(),
                        t.trace().workUnitId(), t.trace().team().equals("support"), null, null,
                        t.trace().startedAt().plusSeconds(5))));
        batches.outcomes(MonthFixtures.records(verdicts));

        ReconciliationRuns.RunView run = runs.start(Period.parse("2033-08"));
        assertEquals("completed", run.status(), run.error());
        assertEquals(Map.of("support", 40L), run.lcpr().stream().filter(l -> l.workload().equals("w-support"))
                .findFirst().orElseThrow().acceptedByTeam(), "the team of each accepted unit's final attempt");
        assertEquals(Map.of(), run.lcpr().stream().filter(l -> l.workload().equals("w-search")).findFirst()
                .orElseThrow().acceptedByTeam());
        List<ReconciliationCompletedV1.Attribution> lines = MonthFixtures.reconciliation(run.runId()).attribution();
        ReconciliationCompletedV1.Attribution support = line(lines, "prefix", "support");
        assertEquals(40, support.calls());
        assertEquals(120_000, support.cacheReadTokens());
        assertEquals(0, new BigDecimal("0.18").compareTo(support.cacheReadDiscount()), "120,000 x $1.50 per million");
        ReconciliationCompletedV1.Attribution warm = line(lines, "prefix", "platform");
        assertEquals(12_000, warm.cacheCreationTokens());
        assertEquals(0, BigDecimal.ZERO.compareTo(warm.cacheReadDiscount()));
        assertEquals(40, line(lines, "adapter", "search").calls());
        assertNull(line(lines, "adapter", "search").peakHour(), "an adapter has no peak");

        ReconciliationCompletedV1.Attribution onEndpoint = line(lines, "endpoint", "search");
        assertEquals(DAY.plus(Duration.ofHours(2)), onEndpoint.peakHour());
        assertEquals(102_000L, onEndpoint.peakTokens(), "20 calls of 5,100 tokens in and out in the busiest hour");
        assertEquals(102_000L + 41_000L, onEndpoint.refPeakTokens(), "with support's 10 calls of 4,100");
        assertEquals(41_000L, line(lines, "endpoint", "support").peakTokens());
    }

    private static ReconciliationCompletedV1.Attribution line(List<ReconciliationCompletedV1.Attribution> lines,
            String kind, String team) {
        return lines.stream().filter(l -> l.kind().equals(kind) && l.team().equals(team)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " line of " + team + " in " + lines));
    }

    private static TraceRecordedV1 trace(String id, String team, Instant at, long input, long read, long write,
            Map<String, String> attributes) {
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:attrco:" + id,
                new CanonicalTrace("attrco-" + id, null, null, "attrco-unit-" + id, null, "first_attempt", "w-" + team,
                        team, null, "attrco", "m-attr", "standard", null, null, null, null, null, at, input, read,
                        write, 100L, 0L, 300L, 900L, null, null, null, attributes));
    }
}
