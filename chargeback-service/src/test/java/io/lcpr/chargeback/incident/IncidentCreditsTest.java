package io.lcpr.chargeback.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.chargeback.allocation.WorkloadUsage;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.TeamAllocationV1;

/**
 * 001 ch 27's incident credits: a six-hour model behavior change on the drafting workload, which two teams call (3:1
 * by trace-derived cost), is credited to them from a reserve funded by 2% of every team's charge.
 */
class IncidentCreditsTest {
    static final List<WorkloadUsage> MONTH = List.of(
            workload("drafting", Map.of("answers", "300", "claims", "100")),
            workload("search", Map.of("records", "200")));
    static final Map<String, BigDecimal> CHARGES = Map.of("answers", new BigDecimal("3000.00"), "claims",
            new BigDecimal("1000.00"), "records", new BigDecimal("2000.00"));
    static final IncidentV1 DRIFT = new IncidentV1(UUID.randomUUID(), Instant.parse("2031-05-12T16:00:00Z"), 1,
            "reconcile-service", UUID.randomUUID(), "drafting drift", "model_behavior_change", "closed",
            List.of("drafting"), null, Instant.parse("2031-05-12T08:00:00Z"), null, null, null, null, null, null,
            new BigDecimal("400"), new BigDecimal("200"), new BigDecimal("12"), new BigDecimal("1800"),
            new BigDecimal("2400"), 9000, 7000, null, null, null, null, null);

    @Test
    void theReservePaysTheAffectedTeamsByTheirUseOfTheWorkload() {
        IncidentCredits.Result r = IncidentCredits.compute(List.of(DRIFT), MONTH, CHARGES, new BigDecimal("2"),
                new BigDecimal("500.00"));
        assertEquals(Map.of("answers", new BigDecimal("60.00"), "claims", new BigDecimal("20.00"), "records",
                new BigDecimal("40.00")), r.funding());
        // 400 extra inference + 200 extra human escalation (engineering time is the platform's own): 3:1
        assertEquals(Map.of("answers", new BigDecimal("450.00"), "claims", new BigDecimal("150.00")), r.credits());
        assertEquals(new BigDecimal("600.00"), r.paid());
        assertEquals(new BigDecimal("20.00"), r.closing(), "500 carried in + 120 funded - 600 paid");
        assertEquals(new BigDecimal("0.00"), r.creditOf("records"));
    }

    @Test
    void aReserveThatCannotPayEverythingPaysWhatItHoldsByWhatEachAsked() {
        IncidentCredits.Result r = IncidentCredits.compute(List.of(DRIFT), MONTH, CHARGES, new BigDecimal("2"),
                new BigDecimal("0.00"));
        assertEquals(new BigDecimal("600.00"), r.asked());
        assertEquals(new BigDecimal("120.00"), r.paid());
        assertEquals(Map.of("answers", new BigDecimal("90.00"), "claims", new BigDecimal("30.00")), r.credits());
        assertEquals(new BigDecimal("0.00"), r.closing());
    }

    /** Per incident and team: the part asked and the part granted, adding up to the team's credit to the cent. */
    @Test
    void eachTeamsCreditIsStatedIncidentByIncident() {
        IncidentV1 second = new IncidentV1(UUID.randomUUID(), DRIFT.occurredAt(), 1, DRIFT.producer(),
                UUID.randomUUID(), "drafting cache collapse", "cache_regression", "closed", List.of("drafting"), null,
                Instant.parse("2031-05-20T08:00:00Z"), null, null, null, null, null, null, new BigDecimal("100.01"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100.01"), 10, 10, null, null, null,
                null, null);
        for (String opening : List.of("500.00", "0.00")) { // paid in full, then short
            IncidentCredits.Result r = IncidentCredits.compute(List.of(DRIFT, second), MONTH, CHARGES,
                    new BigDecimal("2"), new BigDecimal(opening));
            for (String team : List.of("answers", "claims")) {
                var parts = r.incidentsOf(team);
                assertEquals(List.of(DRIFT.incidentId(), second.incidentId()), parts.stream()
                        .map(TeamAllocationV1.IncidentCredit::incidentId).toList());
                assertEquals(r.creditOf(team), parts.stream().map(TeamAllocationV1.IncidentCredit::granted)
                        .reduce(BigDecimal.ZERO, BigDecimal::add), team + " from " + opening);
            }
            assertEquals(new BigDecimal("450.00"), r.incidentsOf("answers").get(0).asked(), "3/4 of 600.00");
            assertEquals(List.of(), r.incidentsOf("records"), "records never used drafting");
        }
    }

    private static WorkloadUsage workload(String name, Map<String, String> cost) {
        Map<String, WorkloadUsage.TeamUsage> byTeam = new java.util.TreeMap<>();
        cost.forEach((t, c) -> byTeam.put(t, new WorkloadUsage.TeamUsage(new BigDecimal(c), 1, 1)));
        return new WorkloadUsage(name, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, byTeam);
    }
}
