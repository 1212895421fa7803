package io.lcpr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Every topic's golden file reads into its record and writes back to the same JSON: no field lost or renamed. */
class GoldenEventsTest {

    record Contract(String topic, Class<? extends EventEnvelope> type) {
    }

    static Stream<Contract> contracts() {
        return Stream.of(
                new Contract(Topics.TRACES, TraceRecordedV1.class),
                new Contract(Topics.OUTCOMES, OutcomeRecordedV1.class),
                new Contract(Topics.PRICING_SNAPSHOTS, PricingSnapshotV1.class),
                new Contract(Topics.PRICING_ALIASES, ModelAliasV1.class),
                new Contract(Topics.PRICING_CONTRACTS, ProviderContractV1.class),
                new Contract(Topics.PRICING_REVENUE_TERMS, RevenueTermV1.class),
                new Contract(Topics.RECONCILIATION_COMPLETED, ReconciliationCompletedV1.class),
                new Contract(Topics.LCPR_COMPUTED, LcprComputedV1.class),
                new Contract(Topics.ALLOCATIONS_MONTHLY, TeamAllocationV1.class),
                new Contract(Topics.WORKLOADS, WorkloadRegisteredV1.class),
                new Contract(Topics.ALERTS, AlertV1.class),
                new Contract(Topics.INCIDENTS, IncidentV1.class),
                new Contract(Topics.BUDGETS, BudgetV1.class),
                new Contract(Topics.BASELINES, BaselineCapturedV1.class),
                new Contract(Topics.TEAMS, TeamV1.class));
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void goldenRoundTrips(Contract contract) throws IOException {
        String golden = Goldens.read(contract.topic());
        EventEnvelope event = EventJson.read(golden, contract.type());
        assertNotNull(event.eventId(), "eventId");
        assertNotNull(event.occurredAt(), "occurredAt");
        assertEquals(1, event.schemaVersion());
        JsonNode expected = EventJson.MAPPER.readTree(golden);
        JsonNode actual = EventJson.MAPPER.readTree(EventJson.write(event));
        assertEquals(expected, actual, contract.topic() + " does not round-trip");
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void everyGoldenIsAKnownTopic(Contract contract) {
        List<String> names = Topics.EVENTS.stream().map(TopicSpec::name).toList();
        assertEquals(true, names.contains(contract.topic()), contract.topic());
    }

    @Test
    void everyEventTopicHasAGoldenFileAndARecordHere() {
        Set<String> covered = contracts().map(Contract::topic).collect(Collectors.toSet());
        covered.add(Topics.TRACES_RAW);
        for (TopicSpec topic : Topics.EVENTS) {
            assertNotNull(Goldens.read(topic.name()), topic.name());
            assertTrue(covered.contains(topic.name()), topic.name() + " has no round-trip check here");
        }
    }

    @Test
    void theRawTopicCarriesTheCanonicalTraceThatTheTracesTopicPublishes() throws IOException {
        CanonicalTrace raw = EventJson.read(Goldens.read(Topics.TRACES_RAW), CanonicalTrace.class);
        TraceRecordedV1 published = EventJson.read(Goldens.read(Topics.TRACES), TraceRecordedV1.class);
        assertEquals(published.trace(), raw);
        assertEquals(EventJson.MAPPER.readTree(Goldens.read(Topics.TRACES_RAW)),
                EventJson.MAPPER.readTree(EventJson.write(raw)), "llm.traces.raw does not round-trip");
    }

    /** The reconciliation, LCPR and allocation goldens are one run of one example (000's month), so they agree. */
    @Test
    void theRunFamilyIsOneConsistentExample() {
        ReconciliationCompletedV1 run = EventJson.read(Goldens.read(Topics.RECONCILIATION_COMPLETED),
                ReconciliationCompletedV1.class);
        LcprComputedV1 lcpr = EventJson.read(Goldens.read(Topics.LCPR_COMPUTED), LcprComputedV1.class);
        TeamAllocationV1 allocation = EventJson.read(Goldens.read(Topics.ALLOCATIONS_MONTHLY), TeamAllocationV1.class);
        assertEquals(run.runId(), lcpr.runId());
        assertEquals(run.runId(), allocation.runId());
        assertEquals(List.of(lcpr.workload()), run.workloads());
        assertEquals(run.period(), lcpr.period());
        assertEquals(run.period(), allocation.period());

        var account = run.accounts().get(0);
        same(account.invoiceTotal().subtract(account.traceDerivedCost()), account.delta(), "delta = invoice - trace");
        same(account.delta().multiply(BigDecimal.valueOf(100)).divide(account.invoiceTotal(), 4, RoundingMode.HALF_UP),
                account.deltaPct(), "delta % of the invoice");
        same(account.delta(), lcpr.delta(), "the one workload carries the account's whole delta");
        same(account.traceDerivedCost(), lcpr.inferenceCost(), "trace-derived cost");
        same(lcpr.inferenceCost().add(lcpr.evalCost()).add(lcpr.humanCost()).add(lcpr.opsCost()).add(lcpr.delta()),
                lcpr.loadedCost(), "loaded cost is the sum of its parts");
        same(lcpr.loadedCost().divide(BigDecimal.valueOf(lcpr.acceptedUnits()), 6, RoundingMode.HALF_UP), lcpr.lcpr(),
                "LCPR = loaded / accepted");
        assertEquals(lcpr.attemptedUnits(), lcpr.acceptedUnits() + lcpr.escalated() + lcpr.unrecovered());
        assertEquals(lcpr.acceptedUnits(), lcpr.firstAttemptPass() + lcpr.recovered());
        same(lcpr.traceCostByTeam().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), lcpr.inferenceCost(),
                "team costs add up to the trace-derived cost");

        same(lcpr.revenue().subtract(lcpr.loadedCost()).multiply(BigDecimal.valueOf(100))
                .divide(lcpr.revenue(), 4, RoundingMode.HALF_UP), lcpr.loadedMarginPct(), "loaded margin (57.4%)");
        same(lcpr.revenue().subtract(lcpr.inferenceCost()).multiply(BigDecimal.valueOf(100))
                .divide(lcpr.revenue(), 4, RoundingMode.HALF_UP), lcpr.naiveMarginPct(), "naive margin (68.4%)");
        same(lcpr.costByAttemptKind().entrySet().stream().filter(e -> !e.getKey().equals("eval_grader"))
                .map(java.util.Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add), lcpr.inferenceCost(),
                "inference cost by attempt kind");
        same(account.buckets().stream().map(ReconciliationCompletedV1.DeltaBucket::amount)
                .reduce(account.unexplained(), BigDecimal::add), account.delta(), "buckets + remainder = delta");
        same(lcpr.loadedCost(), run.totalLoadedCost(), "one workload: the run's total");

        same(lcpr.loadedCost(), allocation.totalAllocated(), "everything loaded is allocated");
        BigDecimal teamCost = lcpr.traceCostByTeam().get(allocation.team());
        same(lcpr.loadedCost().multiply(teamCost).divide(lcpr.inferenceCost(), 2, RoundingMode.HALF_UP),
                allocation.amount(), "proportional to the team's trace-derived cost");
        same(allocation.amount(), allocation.byWorkload().get(lcpr.workload()), "one workload");
    }

    private static void same(BigDecimal expected, BigDecimal actual, String what) {
        assertEquals(0, expected.compareTo(actual), what + ": " + expected + " vs " + actual);
    }

}
