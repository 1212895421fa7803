package io.lcpr.reconcile.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

/**
 * The driver split on figures built by hand: one thing changed at a time, the named driver takes (nearly) all of the
 * change, and the drivers always add up to the change exactly.
 */
class LcprDriversTest {
    /** 10,000 calls of 2,000 input tokens (a share cached) and 500 output at $3 / $0.30 / $15 a million. */
    static MonthFigures month(String period, long accepted, double hit, long outputPerCall, double priceFactor,
            double priorFactor, long repairCalls, BigDecimal ops) {
        long calls = 10_000 + repairCalls;
        long input = 2_000 * calls;
        long read = Math.round(input * hit);
        double uncachedCost = (input - read) * 3e-6 * priceFactor;
        double readCost = read * 0.3e-6 * priceFactor;
        double outputCost = outputPerCall * calls * 15e-6 * priceFactor;
        double list = uncachedCost + readCost + outputCost;
        BigDecimal inference = BigDecimal.valueOf(list).setScale(6, RoundingMode.HALF_UP);
        BigDecimal loaded = inference.add(ops);
        MonthFigures.Tokens t = new MonthFigures.Tokens(calls, input, read, 0, outputPerCall * calls, uncachedCost,
                readCost, 0, outputCost, list / priceFactor * priorFactor);
        return new MonthFigures("w", period, loaded.divide(BigDecimal.valueOf(accepted), 6, RoundingMode.HALF_UP),
                inference, BigDecimal.ZERO, BigDecimal.ZERO, ops, BigDecimal.ZERO, 10_000, accepted, 0, 10_000, t);
    }

    static final BigDecimal OPS = new BigDecimal("100");

    static void addsUp(LcprDrivers d) {
        BigDecimal sum = d.drivers().stream().map(LcprDrivers.Driver::perAccepted).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertEquals(0, sum.compareTo(d.change()), "the drivers add up to the change: " + d);
    }

    static BigDecimal part(LcprDrivers d, String name) {
        return d.drivers().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().perAccepted();
    }

    @Test
    void longerAnswers() {
        LcprDrivers d = LcprDrivers.of(month("m0", 9_000, 0.5, 500, 1, 1, 0, OPS),
                month("m1", 9_000, 0.5, 560, 1, 1, 0, OPS));
        assertEquals("output_length", d.primary());
        addsUp(d);
        // 60 more output tokens a call at $15 a million, 10,000 calls over 9,000 accepted
        assertEquals(60 * 15e-6 * 10_000 / 9_000, part(d, "output_length").doubleValue(), 1e-6);
        assertTrue(d.explanation().startsWith("output length +12.0%"), d.explanation());
    }

    @Test
    void aBetterCachePrefix() {
        LcprDrivers d = LcprDrivers.of(month("m0", 9_000, 0.3, 500, 1, 1, 0, OPS),
                month("m1", 9_000, 0.6, 500, 1, 1, 0, OPS));
        assertEquals("cache_hit_rate", d.primary());
        addsUp(d);
        // 30 points of 2,000 tokens a call now read at $0.30 instead of $3
        assertEquals(-0.3 * 2_000 * 2.7e-6 * 10_000 / 9_000, part(d, "cache_hit_rate").doubleValue(), 1e-6);
    }

    @Test
    void aPriceRiseOnTheSameTokens() {
        LcprDrivers d = LcprDrivers.of(month("m0", 9_000, 0.5, 500, 1, 1, 0, OPS),
                month("m1", 9_000, 0.5, 500, 1.2, 1, 0, OPS));
        assertEquals("price_change", d.primary());
        addsUp(d);
        assertEquals(0, part(d, "output_length").signum());
        assertTrue(d.explanation().contains("+20.0%"), d.explanation());
    }

    @Test
    void moreRepairsAndFewerUnitsOverTheSameOps() {
        LcprDrivers d = LcprDrivers.of(month("m0", 9_000, 0.5, 500, 1, 1, 200, OPS),
                month("m1", 9_000, 0.5, 500, 1, 1, 800, OPS));
        assertEquals("repair_rate", d.primary());
        addsUp(d);
        LcprDrivers fewer = LcprDrivers.of(month("m0", 9_000, 0.5, 500, 1, 1, 0, new BigDecimal("5000")),
                month("m1", 6_000, 0.5, 500, 1, 1, 0, new BigDecimal("5000")));
        addsUp(fewer);
        // $5,000 of ops over 6,000 accepted instead of 9,000
        assertEquals(5_000.0 / 6_000 - 5_000.0 / 9_000, part(fewer, "volume").doubleValue(), 1e-6);
        assertTrue(part(fewer, "pass_rate").signum() > 0, "a third fewer accepted of the same units");
    }

    @Test
    void aWorkloadWithoutLastMonthIsNew() {
        LcprDrivers d = LcprDrivers.of(null, month("m1", 9_000, 0.5, 500, 1, 1, 0, OPS));
        assertEquals(LcprDrivers.NEW_WORKLOAD, d.primary());
        assertTrue(d.drivers().isEmpty());
    }
}
