package io.lcpr.reconcile.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A forecast by LCPR component (001 ch 26: "build forecasts from the LCPR components, not from the total"): each
 * workload's requests, inference, eval and human cost per request, acceptance rate and ops cost, each its current
 * actual times the assumptions on it, over a horizon of months. Per request costs change first by a cache assumption
 * (points of hit rate at the workload's input tokens and cache discount), then by factors. A factor in force for a
 * share s of the horizon counts as 1 + s (factor - 1); a cache change as s times its points.
 * <p>
 * The forecast is a range: each ranged assumption is taken to the bound that lowers the horizon's cost for the low
 * end and to the one that raises it for the high end, and each end lists the assumptions that push it there with
 * what each alone moves (the others at their values).
 */
public final class ForecastModel {
    private ForecastModel() {
    }

    /** One workload over the horizon: its components a month, monthly and horizon cost, LCPR. */
    public record WorkloadForecast(String workload, double requests, double acceptanceRate,
            double inferencePerRequest, double evalPerRequest, double humanPerRequest, double ops,
            double cacheHitRate, double monthlyCost, double horizonCost, Double lcpr) {
    }

    /** The suite of workloads under one set of assumption values. */
    public record Point(List<WorkloadForecast> workloads, double horizonCost, Double lcpr) {
    }

    /** An assumption pushing an end: the bound it takes and what that alone moves the horizon's cost by. */
    public record Push(String assumption, BigDecimal bound, double impact) {
    }

    public record End(double horizonCost, double changePct, List<Push> drivers) {
    }

    /**
     * A scenario's forecast: the base (current actuals held for the horizon), the point forecast and its change
     * against the base (cost and LCPR), the range's ends, and the assumptions as used.
     */
    public record Result(String scenario, int months, double baseCost, Double baseLcpr, Point point,
            double changePct, Double lcprChangePct, End low, End high, List<Assumption> assumptions) {
    }

    public static Result forecast(String scenario, List<Actuals> base, List<Assumption> assumptions, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("months: must be at least 1");
        }
        Point none = project(base, List.of(), months);
        Point point = project(base, assumptions, months);
        List<Push> down = new ArrayList<>();
        List<Push> up = new ArrayList<>();
        List<Assumption> lowSet = new ArrayList<>(assumptions);
        List<Assumption> highSet = new ArrayList<>(assumptions);
        for (int i = 0; i < assumptions.size(); i++) {
            Assumption a = assumptions.get(i);
            Push lowest = null;
            Push highest = null;
            for (BigDecimal bound : new BigDecimal[] { a.low(), a.high() }) {
                if (bound == null || bound.compareTo(a.value()) == 0) {
                    continue;
                }
                List<Assumption> moved = new ArrayList<>(assumptions);
                moved.set(i, a.at(bound));
                Push p = new Push(a.name(), bound, project(base, moved, months).horizonCost() - point.horizonCost());
                lowest = p.impact() < 0 && (lowest == null || p.impact() < lowest.impact()) ? p : lowest;
                highest = p.impact() > 0 && (highest == null || p.impact() > highest.impact()) ? p : highest;
            }
            if (lowest != null) {
                down.add(lowest);
                lowSet.set(i, a.at(lowest.bound()));
            }
            if (highest != null) {
                up.add(highest);
                highSet.set(i, a.at(highest.bound()));
            }
        }
        down.sort(Comparator.comparingDouble(Push::impact));
        up.sort(Comparator.comparingDouble(Push::impact).reversed());
        double lowCost = project(base, lowSet, months).horizonCost();
        double highCost = project(base, highSet, months).horizonCost();
        return new Result(scenario, months, none.horizonCost(), none.lcpr(), point,
                pct(none.horizonCost(), point.horizonCost()), none.lcpr() == null || point.lcpr() == null ? null
                        : pct(none.lcpr(), point.lcpr()),
                new End(lowCost, pct(none.horizonCost(), lowCost), down),
                new End(highCost, pct(none.horizonCost(), highCost), up), assumptions);
    }

    /** Every workload with actuals, and every new workload an assumption names, under these assumptions. */
    public static Point project(List<Actuals> base, List<Assumption> assumptions, int months) {
        List<WorkloadForecast> out = new ArrayList<>();
        Map<String, Actuals> known = new LinkedHashMap<>();
        base.forEach(a -> known.put(a.workload(), a));
        for (Actuals a : base) {
            List<Assumption> on = assumptions.stream().filter(x -> x.appliesTo(a.workload())).toList();
            double inference = a.inferencePerRequest();
            double hit = a.cacheHitRate();
            for (Assumption x : of(on, "cache_hit_rate")) {
                double points = x.share() * x.value().doubleValue();
                inference -= points * a.inputTokensPerRequest() * a.cacheDiscountPerToken();
                hit += points;
            }
            out.add(workload(a.workload(), a.requests() * factor(on, "volume"),
                    a.acceptanceRate() * factor(on, "acceptance_rate"), inference * factor(on, "inference_per_request"),
                    a.evalPerRequest() * factor(on, "eval_per_request"),
                    a.humanPerRequest() * factor(on, "human_per_request"), a.ops() * factor(on, "ops"), hit, months));
        }
        for (String w : new TreeSet<>(assumptions.stream().filter(x -> x.component().equals("new_units")
                && !known.containsKey(x.workload())).map(Assumption::workload).toList())) {
            List<Assumption> on = assumptions.stream().filter(x -> x.workload().equals(w)).toList();
            double units = of(on, "new_units").stream().mapToDouble(x -> x.share() * x.value().doubleValue()).sum();
            double perRequest = of(on, "new_cost_per_request").stream().mapToDouble(x -> x.value().doubleValue())
                    .sum();
            out.add(workload(w, units * factor(on, "volume"), factor(on, "acceptance_rate"),
                    perRequest * factor(on, "inference_per_request"), 0, 0, 0, 0, months));
        }
        double cost = out.stream().mapToDouble(WorkloadForecast::horizonCost).sum();
        double accepted = out.stream().mapToDouble(f -> f.requests() * f.acceptanceRate()).sum() * months;
        return new Point(out, cost, accepted == 0 ? null : cost / accepted);
    }

    private static WorkloadForecast workload(String w, double requests, double acceptance, double inference,
            double eval, double human, double ops, double hit, int months) {
        double monthly = requests * (inference + eval + human) + ops;
        double accepted = requests * acceptance;
        return new WorkloadForecast(w, requests, acceptance, inference, eval, human, ops, hit, monthly,
                monthly * months, accepted == 0 ? null : monthly / accepted);
    }

    private static List<Assumption> of(List<Assumption> on, String component) {
        return on.stream().filter(x -> x.component().equals(component)).toList();
    }

    private static double factor(List<Assumption> on, String component) {
        double f = 1;
        for (Assumption x : of(on, component)) {
            f *= 1 + x.share() * (x.value().doubleValue() - 1);
        }
        return f;
    }

    private static double pct(double from, double to) {
        return from == 0 ? 0 : (to / from - 1) * 100;
    }
}
