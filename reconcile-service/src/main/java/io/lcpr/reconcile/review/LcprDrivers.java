package io.lcpr.reconcile.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Why a workload's LCPR moved from one month to the next (001 ch 26, the review pack's "primary driver"): the change
 * split into named drivers, each in dollars per accepted result, that add up to the change exactly.
 * <p>
 * LCPR = inference/A + eval/A + human/A + ops/A + delta/A (A: accepted units). Inference per accepted is a product,
 * units/A (pass rate) x first attempts/unit (steps) x calls/first attempt (repair rate) x actual/list cost (price
 * terms) x list cost per call; the product's change is split by the midpoint rule between its multiplier (whose
 * factors share their part by log-mean weights) and the list cost per call. That cost per call splits into a price
 * change (this month's tokens at this month's list prices against last month's closing prices) and, at last month's
 * prices per token class, output length, cache hit rate and input length; what is left of it (model mix, cache
 * writes, interaction) is {@code other}. The other parts: escalation rate (human cost per accepted), eval cost per
 * accepted, volume (last month's ops cost spread over this month's units), ops cost itself, and the unreconciled
 * delta per accepted. Anything the published LCPR holds beyond these (an eval run's allocation) is {@code other}.
 */
public record LcprDrivers(String workload, BigDecimal lcprThen, BigDecimal lcprNow, BigDecimal change,
        BigDecimal changePct, List<Driver> drivers, String primary, String explanation) {

    /** One driver's part of the change, per accepted result, and what moved, in words with its figures. */
    public record Driver(String name, BigDecimal perAccepted, String what) {
    }

    public static final String NEW_WORKLOAD = "new_workload";

    public static LcprDrivers of(MonthFigures then, MonthFigures now) {
        BigDecimal lcprNow = now.lcpr();
        if (then == null || then.accepted() == 0 || then.lcpr() == null || lcprNow == null) {
            return new LcprDrivers(now.workload(), then == null ? null : then.lcpr(), lcprNow, null, null, List.of(),
                    NEW_WORKLOAD, "no accepted results last month to compare with");
        }
        List<Driver> out = new ArrayList<>();
        double a0 = then.accepted();
        double a1 = Math.max(1, now.accepted());
        MonthFigures.Tokens t0 = then.tokens();
        MonthFigures.Tokens t1 = now.tokens();
        boolean decomposable = t0.calls() > 0 && t1.calls() > 0 && t0.listCost() > 0 && t1.listCost() > 0
                && then.firstAttempts() > 0 && now.firstAttempts() > 0 && now.accepted() > 0
                && then.inference().signum() > 0 && now.inference().signum() > 0 && t1.listAtPrior() > 0;
        if (decomposable) {
            double[] f0 = factors(then);
            double[] f1 = factors(now);
            double m0 = f0[0] * f0[1] * f0[2] * f0[3];
            double m1 = f1[0] * f1[1] * f1[2] * f1[3];
            double lc0 = t0.listCost() / t0.calls();
            double lc1 = t1.listCost() / t1.calls();
            double lcMid = (lc0 + lc1) / 2;
            double mMid = (m0 + m1) / 2;
            double w = logMean(m0, m1);
            double pass = w * Math.log(f1[0] / f0[0]) * lcMid;
            double steps = w * Math.log(f1[1] / f0[1]) * lcMid;
            double repair = w * Math.log(f1[2] / f0[2]) * lcMid;
            double terms = w * Math.log(f1[3] / f0[3]) * lcMid;
            // the list cost per call, at last month's prices per token class
            double price = (t1.listCost() - t1.listAtPrior()) / t1.calls() * mMid;
            // last month's rates; this month's for a class last month did not use
            double rIn = t0.inputRate(t1.inputRate(0));
            double rRead = t0.cacheReadRate(t1.cacheReadRate(rIn));
            double rOut = t0.outputRate(t1.outputRate(0));
            double output = (t1.outputPerCall() - t0.outputPerCall()) * rOut * mMid;
            double cache = t1.inputPerCall() * (t1.cacheHitRate() - t0.cacheHitRate()) * (rRead - rIn) * mMid;
            double input = (t1.inputPerCall() - t0.inputPerCall())
                    * ((1 - t0.cacheHitRate()) * rIn + t0.cacheHitRate() * rRead) * mMid;
            double atPrior = (t1.listAtPrior() / t1.calls() - lc0) * mMid;
            double tokensOther = atPrior - output - cache - input;
            double priceNow = (now.inference().doubleValue() / (then.inference().doubleValue() / t0.listCost()
                    * t1.listAtPrior()) - 1) * 100;
            out.add(driver("output_length", output, "output length %+.1f%% (%.0f to %.0f tokens a call)",
                    pct(t0.outputPerCall(), t1.outputPerCall()), t0.outputPerCall(), t1.outputPerCall()));
            out.add(driver("cache_hit_rate", cache, "cache hit rate %.1f%% to %.1f%% of input tokens",
                    t0.cacheHitRate() * 100, t1.cacheHitRate() * 100));
            out.add(driver("input_length", input, "input length %+.1f%% (%.0f to %.0f tokens a call)",
                    pct(t0.inputPerCall(), t1.inputPerCall()), t0.inputPerCall(), t1.inputPerCall()));
            out.add(driver("repair_rate", repair, "repair rate %+.1fpp (extra calls per first attempt %.1f%% to "
                    + "%.1f%%)", (now.repairRate() - then.repairRate()) * 100, then.repairRate() * 100,
                    now.repairRate() * 100));
            out.add(driver("pass_rate", pass, "pass rate %.1f%% to %.1f%%", then.passRate() * 100,
                    now.passRate() * 100));
            out.add(driver("steps_per_unit", steps, "calls per unit's first attempt %.2f to %.2f",
                    then.stepsPerUnit(), now.stepsPerUnit()));
            out.add(driver("price_change", price + terms, "price of the same tokens %+.1f%%", priceNow));
            out.add(driver("other", tokensOther, "model mix, cache writes and interaction"));
        }
        if (!decomposable) {
            double i0 = then.perAccepted(then.inference());
            double i1 = now.perAccepted(now.inference());
            out.add(driver("other", i1 - i0, "inference per accepted result %+.1f%% (no token profile to split)",
                    pct(i0, i1)));
        }
        double h = now.perAccepted(now.human()) - then.perAccepted(then.human());
        out.add(driver("escalation_rate", h, "escalation rate %.1f%% to %.1f%% (human cost per accepted %+.4f)",
                then.escalationRate() * 100, now.escalationRate() * 100, h));
        double eval = now.perAccepted(now.eval()) - then.perAccepted(then.eval());
        out.add(driver("eval", eval, "eval cost per accepted %+.4f", eval));
        double ops0 = value(then.ops());
        double volume = ops0 / a1 - ops0 / a0;
        out.add(driver("volume", volume, "accepted results %+.1f%% (%d to %d) over last month's ops cost",
                pct(a0, now.accepted()), then.accepted(), now.accepted()));
        double ops = (value(now.ops()) - ops0) / a1;
        out.add(driver("ops", ops, "ops cost %+.1f%%", pct(ops0, value(now.ops()))));
        double delta = now.perAccepted(now.delta()) - then.perAccepted(then.delta());
        out.add(driver("delta", delta, "unreconciled delta per accepted %+.4f", delta));
        BigDecimal changeMoney = lcprNow.subtract(then.lcpr());
        BigDecimal rest = changeMoney.subtract(out.stream().map(Driver::perAccepted).reduce(BigDecimal.ZERO,
                BigDecimal::add));
        Driver other = out.stream().filter(d -> d.name().equals("other")).findFirst().orElseThrow();
        // the parts are rounded to the micro-dollar; the published LCPR may also hold an eval run's share
        out.set(out.indexOf(other), new Driver("other", other.perAccepted().add(rest), other.what()
                + (rest.abs().compareTo(new BigDecimal("0.00001")) > 0 ? "; beyond the components (an eval run's share)"
                        : "")));
        Driver top = out.stream().max(Comparator.comparing(d -> d.perAccepted().abs())).orElseThrow();
        BigDecimal changePct = then.lcpr().signum() == 0 ? null
                : changeMoney.multiply(BigDecimal.valueOf(100)).divide(then.lcpr(), 2, RoundingMode.HALF_UP);
        return new LcprDrivers(now.workload(), then.lcpr(), lcprNow, changeMoney, changePct, out, top.name(),
                top.what());
    }

    /** Pass (units/accepted), steps (first attempts/unit), repair (calls/first attempt), terms (actual/list cost). */
    private static double[] factors(MonthFigures m) {
        return new double[] { (double) m.attempted() / m.accepted(), m.stepsPerUnit(), 1 + m.repairRate(),
                m.inference().doubleValue() / m.tokens().listCost() };
    }

    private static double logMean(double a, double b) {
        return Math.abs(a - b) < 1e-12 * Math.max(a, b) ? a : (b - a) / Math.log(b / a);
    }

    private static double pct(double from, double to) {
        return from == 0 ? 0 : (to / from - 1) * 100;
    }

    private static double value(BigDecimal b) {
        return b == null ? 0 : b.doubleValue();
    }

    private static Driver driver(String name, double perAccepted, String what, Object... args) {
        return new Driver(name, money(perAccepted), String.format(Locale.ROOT, what, args));
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP);
    }
}
