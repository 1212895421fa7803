package io.lcpr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

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
                new Contract(Topics.ALLOCATIONS_MONTHLY, TeamAllocationV1.class));
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
        List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
        assertEquals(true, names.contains(contract.topic()), contract.topic());
    }

}
