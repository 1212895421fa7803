package io.lcpr.chargeback.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import io.lcpr.chargeback.team.Team;

/**
 * The four modes side by side. 001 ch 27's public-sector platform, with four offices: $42,000 of invoice-reconciled
 * inference and a $14,000 monthly floor (the contract minimum and the platform team: the ops component), the floor
 * split by seats (40, 25, 20, 15) and the rest at one per-token rate ($70 per million: 600 million tokens). Each
 * mode's figures below are computed by hand from those inputs.
 */
class ModeAllocatorTest {
    static final Map<String, Team> OFFICES = Map.of(
            "benefits", new Team("benefits", "a.lee", 40, "tier-1", new BigDecimal("1.4")),
            "licensing", new Team("licensing", "b.osei", 25, "tier-2", BigDecimal.ONE),
            "records", new Team("records", "c.diaz", 20, "tier-3", new BigDecimal("0.7")),
            "transit", new Team("transit", "d.kim", 15, "tier-2", BigDecimal.ONE));

    @Test
    void thePublicSectorPlatformUnderEveryMode() {
        // one shared intake workload; tokens per office: 300, 100, 150 and 50 million
        WorkloadUsage intake = new WorkloadUsage("case-intake", new BigDecimal("56000.00"), new BigDecimal("40800"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("14000"), new BigDecimal("1200"), Map.of(
                        "benefits", use("20400", 600_000, 300_000_000),
                        "licensing", use("6800", 200_000, 100_000_000),
                        "records", use("10200", 300_000, 150_000_000),
                        "transit", use("3400", 100_000, 50_000_000)));
        ModeAllocator.Comparison c = ModeAllocator.compare(List.of(intake), OFFICES,
                new AllocationPolicy(AllocationMode.HYBRID, UsageBasis.TOKENS, false, null));

        assertEquals(0, new BigDecimal("14000").compareTo(c.floor()), "the ops component is the floor");
        // hybrid: seats 5,600 / 3,500 / 2,800 / 2,100, tokens at $70 a million 21,000 / 7,000 / 10,500 / 3,500
        assertCharges(c, AllocationMode.HYBRID, "26600.00", "10500.00", "13300.00", "5600.00");
        // uniform: 56,000 / 4
        assertCharges(c, AllocationMode.UNIFORM, "14000.00", "14000.00", "14000.00", "14000.00");
        // proportional by tokens: 1/2, 1/6, 1/4, 1/12; 9,333.33 and 4,666.66 leave a cent, to the larger remainder
        assertCharges(c, AllocationMode.PROPORTIONAL, "28000.00", "9333.33", "14000.00", "4666.67");
        // weighted: 300 x 1.4, 100, 150 x 0.7, 50 = 420 / 100 / 105 / 50 of 675; two cents to the two largest
        // remainders (transit's .81 of a cent, licensing's .63)
        assertCharges(c, AllocationMode.WEIGHTED, "34844.44", "8296.30", "8711.11", "4148.15");
        for (ModeAllocator.ModeResult m : c.modes().values()) {
            assertEquals(0, new BigDecimal("56000.00").compareTo(m.total()), m.mode() + " adds up to the month");
        }
        ModeAllocator.TeamVariance benefits = c.variance().get(0);
        assertEquals("benefits", benefits.team());
        assertEquals(AllocationMode.UNIFORM, benefits.leastUnder());
        assertEquals(AllocationMode.WEIGHTED, benefits.mostUnder());
        assertEquals(0, new BigDecimal("20844.44").compareTo(benefits.spread()));
        assertEquals(0, new BigDecimal("8244.44").compareTo(benefits.againstPolicy().get(AllocationMode.WEIGHTED)));
        ModeAllocator.TeamVariance transit = c.variance().get(3);
        assertEquals(AllocationMode.WEIGHTED, transit.leastUnder());
        assertEquals(AllocationMode.UNIFORM, transit.mostUnder());
        assertEquals(0, new BigDecimal("9851.85").compareTo(transit.spread()));
    }

    @Test
    void theUnknownBucketIsTheSameLineInEveryModeAndAUsageFreeTeamPaysOnlyItsFloor() {
        WorkloadUsage w = new WorkloadUsage("w", new BigDecimal("1000.00"), new BigDecimal("900"), BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("100"), BigDecimal.ZERO, Map.of("benefits", use("600", 10, 1000),
                        "records", use("200", 5, 500), "unknown", use("200", 5, 500)));
        ModeAllocator.Comparison c = ModeAllocator.compare(List.of(w), OFFICES, AllocationPolicy.DEFAULT);
        for (ModeAllocator.ModeResult m : c.modes().values()) {
            assertEquals(0, new BigDecimal("200.00").compareTo(m.unknown()), m.mode().wire());
            assertEquals(0, new BigDecimal("1000.00").compareTo(m.total()), m.mode().wire());
        }
        // licensing and transit used nothing: under hybrid they pay their seats' share of the $100 floor only
        assertEquals(new BigDecimal("25.00"), c.modes().get(AllocationMode.HYBRID).byTeam().get("licensing"));
        assertEquals(new BigDecimal("15.00"), c.modes().get(AllocationMode.HYBRID).byTeam().get("transit"));
        assertEquals(new BigDecimal("0.00"), c.modes().get(AllocationMode.PROPORTIONAL).byTeam().get("transit"));
    }

    /** By accepted outputs: a team whose calls are cheap but rarely accepted pays for what it got accepted. */
    @Test
    void proportionalByAcceptedOutputs() {
        WorkloadUsage w = new WorkloadUsage("w", new BigDecimal("900.00"), new BigDecimal("900"), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of(
                        "benefits", new WorkloadUsage.TeamUsage(new BigDecimal("600"), 100, 1000, 20),
                        "records", new WorkloadUsage.TeamUsage(new BigDecimal("300"), 100, 1000, 70)));
        ModeAllocator.Comparison c = ModeAllocator.compare(List.of(w), Map.of(),
                new AllocationPolicy(AllocationMode.PROPORTIONAL, UsageBasis.ACCEPTED_OUTPUTS, false, null));
        assertEquals(new BigDecimal("200.00"), c.inForce().byTeam().get("benefits"), "20 of 90 accepted");
        assertEquals(new BigDecimal("700.00"), c.inForce().byTeam().get("records"));
    }

    /**
     * An eval run's cost goes to the workloads it serves (reconcile's allocation: 2/3 and 1/3), into their eval
     * component, and from there to the teams that called them; the eval run itself carries nothing.
     */
    @Test
    void evalRunsAreChargedThroughTheWorkloadsTheyServe() {
        WorkloadUsage support = new WorkloadUsage("support", new BigDecimal("600.00"), new BigDecimal("600"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of("benefits",
                        use("600", 10, 10)), null, 0, new BigDecimal("66.666667"));
        WorkloadUsage search = new WorkloadUsage("search", new BigDecimal("300.00"), new BigDecimal("300"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of("records",
                        use("300", 10, 10)), null, 0, new BigDecimal("33.333333"));
        WorkloadUsage evals = new WorkloadUsage("nightly-evals", new BigDecimal("100.00"), BigDecimal.ZERO,
                new BigDecimal("100"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of("eval-platform",
                        use("100", 10, 10)), null, 0, new BigDecimal("-100.00"));
        List<WorkloadUsage> charged = WorkloadUsage.evalRunsToServed(List.of(support, search, evals));
        assertEquals(2, charged.size());
        assertEquals(new BigDecimal("666.67"), charged.get(0).loaded());
        assertEquals(new BigDecimal("66.67"), charged.get(0).eval());
        assertEquals(new BigDecimal("333.33"), charged.get(1).loaded());
        ModeAllocator.Comparison c = ModeAllocator.compare(charged, OFFICES,
                new AllocationPolicy(AllocationMode.PROPORTIONAL, UsageBasis.TRACE_COST, false, null));
        assertEquals(new BigDecimal("666.67"), c.inForce().byTeam().get("benefits"));
        assertEquals(new BigDecimal("333.33"), c.inForce().byTeam().get("records"));
        assertEquals(0, new BigDecimal("1000.00").compareTo(c.total()));
    }

    /**
     * For random usage, seats, tiers, floors and totals (credits included), every mode's charges and the unknown
     * bucket add up to the cent, and no team is charged a negative amount unless a workload's cost is itself negative.
     */
    @RepeatedTest(300)
    void everyModeAddsUpToTheCent(RepetitionInfo info) {
        Random r = new Random(info.getCurrentRepetition());
        Map<String, Team> registry = new TreeMap<>();
        int teams = 1 + r.nextInt(7);
        for (int t = 0; t < teams; t++) {
            if (r.nextInt(5) > 0) {
                registry.put("t" + t, new Team("t" + t, null, r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(60), null,
                        new BigDecimal(new String[] { "0.7", "1.0", "1.4", "1.15" }[r.nextInt(4)])));
            }
        }
        List<WorkloadUsage> workloads = new ArrayList<>();
        boolean credit = r.nextInt(10) == 0;
        for (int w = 0; w < 1 + r.nextInt(6); w++) {
            Map<String, WorkloadUsage.TeamUsage> byTeam = new TreeMap<>();
            for (int t = 0; t < teams + 1; t++) {
                if (r.nextInt(3) > 0) {
                    String name = t == teams ? "unknown" : "t" + t;
                    byTeam.put(name, new WorkloadUsage.TeamUsage(BigDecimal.valueOf(r.nextInt(1_000_000), 4),
                            r.nextInt(5_000), r.nextInt(3) == 0 ? 0 : r.nextInt(10_000_000)));
                }
            }
            if (byTeam.isEmpty()) {
                byTeam.put("unknown", new WorkloadUsage.TeamUsage(BigDecimal.ONE, 1, 1));
            }
            BigDecimal loaded = BigDecimal.valueOf(r.nextInt(5_000_000) - (credit && w == 0 ? 5_200_000 : 0), 2);
            workloads.add(new WorkloadUsage("w" + w, loaded, loaded, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.valueOf(r.nextInt(100_000), 2), BigDecimal.ZERO, byTeam));
        }
        AllocationPolicy policy = new AllocationPolicy(AllocationMode.values()[r.nextInt(4)],
                UsageBasis.values()[r.nextInt(3)], r.nextBoolean(),
                r.nextBoolean() ? null : BigDecimal.valueOf(r.nextInt(10_000_000), 2));
        ModeAllocator.Comparison c = ModeAllocator.compare(workloads, registry, policy);
        BigDecimal total = workloads.stream().map(WorkloadUsage::loaded).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean negative = workloads.stream().anyMatch(w -> w.loaded().signum() < 0);
        for (ModeAllocator.ModeResult m : c.modes().values()) {
            BigDecimal sum = m.byTeam().values().stream().reduce(m.unknown(), BigDecimal::add);
            assertEquals(0, total.compareTo(sum), "seed " + info.getCurrentRepetition() + " " + m.mode());
            assertEquals(0, total.compareTo(m.total()));
            m.byTeam().values().forEach(a -> assertEquals(2, a.scale(), "cents"));
            if (!negative) {
                m.byTeam().forEach((t, a) -> assertTrue(a.signum() >= 0,
                        "seed " + info.getCurrentRepetition() + " " + m.mode() + " " + t + " " + a));
            }
        }
        assertEquals(c.modes().get(policy.mode()), c.inForce());
    }

    private static void assertCharges(ModeAllocator.Comparison c, AllocationMode mode, String benefits,
            String licensing, String records, String transit) {
        Map<String, BigDecimal> got = c.modes().get(mode).byTeam();
        assertEquals(Map.of("benefits", new BigDecimal(benefits), "licensing", new BigDecimal(licensing), "records",
                new BigDecimal(records), "transit", new BigDecimal(transit)), got, mode.wire());
    }

    private static WorkloadUsage.TeamUsage use(String cost, long calls, long tokens) {
        return new WorkloadUsage.TeamUsage(new BigDecimal(cost), calls, tokens);
    }
}
