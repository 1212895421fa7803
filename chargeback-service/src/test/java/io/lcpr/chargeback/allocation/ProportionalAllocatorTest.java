package io.lcpr.chargeback.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.LcprComputedV1;

class ProportionalAllocatorTest {

    static LcprComputedV1 workload(String name, String loaded, Map<String, BigDecimal> teams) {
        return new LcprComputedV1(UUID.randomUUID(), Instant.EPOCH, 1, "test", UUID.randomUUID(), "2026-04", name,
                "USD", null, null, null, null, null, new BigDecimal(loaded), null, null, 0, 0, 0, 0, 0, 0, Map.of(),
                teams, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void sharesFollowTraceCostAndAddUpToTheCent() {
        List<ProportionalAllocator.TeamCharge> charges = ProportionalAllocator.allocate(List.of(
                workload("support", "19150", Map.of("support-platform", new BigDecimal("2"),
                        "billing", new BigDecimal("1"))),
                workload("extraction", "100.01", Map.of("billing", new BigDecimal("3")))));
        Map<String, BigDecimal> byTeam = charges.stream()
                .collect(java.util.stream.Collectors.toMap(ProportionalAllocator.TeamCharge::team,
                        ProportionalAllocator.TeamCharge::amount));
        assertEquals(new BigDecimal("12766.67"), byTeam.get("support-platform"));
        assertEquals(new BigDecimal("6483.34"), byTeam.get("billing"));
        assertEquals(new BigDecimal("19250.01"), byTeam.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void callsWithoutATeamStayInTheUnknownBucket() {
        List<ProportionalAllocator.TeamCharge> charges = ProportionalAllocator.allocate(List.of(
                workload("support", "100", Map.of("support-platform", new BigDecimal("97.3"),
                        "unknown", new BigDecimal("2.7")))));
        assertEquals("support-platform", charges.get(0).team());
        assertEquals(new BigDecimal("97.30"), charges.get(0).amount());
        assertEquals("unknown", charges.get(1).team());
        assertEquals(new BigDecimal("2.70"), charges.get(1).amount());
    }
}
