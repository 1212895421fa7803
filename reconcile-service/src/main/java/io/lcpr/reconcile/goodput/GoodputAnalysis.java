package io.lcpr.reconcile.goodput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The goodput frontier test of 001 ch 24 over a load test's calls: per route and offered request rate, throughput
 * (completed requests and output tokens a second), goodput (requests a second that met every SLO and passed the
 * quality gate), cost per accepted result, quality pass rate and SLO attainment under that load; per route the
 * capacity ceiling (the first rate after which goodput improves by less than {@link #PLATEAU}: where it stops
 * improving) and the transfer gap against a vendor's claimed output tokens a second; across routes, the pick at the
 * operating point: the lowest cost per accepted result, not the highest throughput or lowest token price.
 * <p>
 * A step's duration is its requests over its offered rate (the arrivals a load generator sends at that rate), so
 * rates are per second of offered load whatever the wall clock did.
 */
public final class GoodputAnalysis {
    static final double PLATEAU = 0.02;

    private GoodputAnalysis() {
    }

    /** One call of a load test: its route and offered rate, timings, output tokens, outcome and list cost. */
    public record LoadCall(String route, double rateRps, Long ttftMs, Long e2eMs, long outputTokens, boolean failed,
            Boolean accepted, double cost) {
        /** Time per output token after the first, in ms; null when it cannot be told. */
        Double tpotMs() {
            return ttftMs == null || e2eMs == null || outputTokens < 2 ? null
                    : (double) (e2eMs - ttftMs) / (outputTokens - 1);
        }
    }

    /** The SLO a result must meet to count (a null threshold is not checked). */
    public record Slo(Long ttftMs, Double tpotMs, Long e2eMs) {
        boolean met(LoadCall c) {
            Double tpot = c.tpotMs();
            return !c.failed() && (ttftMs == null || c.ttftMs() != null && c.ttftMs() <= ttftMs)
                    && (tpotMs == null || tpot != null && tpot <= tpotMs)
                    && (e2eMs == null || c.e2eMs() != null && c.e2eMs() <= e2eMs);
        }
    }

    public record Step(double rateRps, long requests, long completed, long sloMet, long passed, long good,
            double throughputRps, double outputTokensPerSecond, double goodputRps, Double costPerAccepted,
            Double qualityPassRate, Double sloAttainment, double cost) {
    }

    public record Route(String route, List<Step> steps, Double capacityCeilingRps, boolean ceilingReached,
            Double claimedOutputTokensPerSecond, Double measuredOutputTokensPerSecond, Double transferGap,
            Step atOperatingPoint) {
    }

    public record Result(Slo slo, Double operatingRps, List<Route> routes, String pick, String highestThroughput,
            String why) {
    }

    public static Result of(List<LoadCall> calls, Slo slo, Double operatingRps, Map<String, Double> claims) {
        Map<String, Map<Double, List<LoadCall>>> byRoute = new TreeMap<>();
        calls.forEach(c -> byRoute.computeIfAbsent(c.route(), r -> new TreeMap<>())
                .computeIfAbsent(c.rateRps(), r -> new ArrayList<>()).add(c));
        List<Route> routes = new ArrayList<>();
        byRoute.forEach((route, rates) -> {
            List<Step> steps = rates.entrySet().stream().map(e -> step(e.getKey(), e.getValue(), slo)).toList();
            Step ceiling = null;
            boolean reached = false;
            for (int i = 0; i < steps.size(); i++) {
                ceiling = steps.get(i);
                if (i + 1 < steps.size() && steps.get(i + 1).goodputRps() < ceiling.goodputRps() * (1 + PLATEAU)) {
                    reached = true;
                    break;
                }
            }
            Double claimed = claims.get(route);
            Double measured = ceiling == null ? null : ceiling.outputTokensPerSecond();
            Step at = operatingRps == null ? null : steps.stream()
                    .min(Comparator.comparingDouble(s -> Math.abs(s.rateRps() - operatingRps))).orElse(null);
            routes.add(new Route(route, steps, ceiling == null ? null : ceiling.rateRps(), reached, claimed, measured,
                    claimed == null || measured == null || claimed == 0 ? null : 1 - measured / claimed, at));
        });
        List<Route> compared = routes.stream().filter(r -> r.atOperatingPoint() != null
                && r.atOperatingPoint().costPerAccepted() != null).toList();
        Route pick = compared.stream().min(Comparator.comparingDouble((Route r) -> r.atOperatingPoint()
                .costPerAccepted()).thenComparing(r -> -r.atOperatingPoint().goodputRps())).orElse(null);
        Route fastest = routes.stream().filter(r -> r.atOperatingPoint() != null)
                .max(Comparator.comparingDouble(r -> r.atOperatingPoint().outputTokensPerSecond())).orElse(null);
        String why = pick == null ? (operatingRps == null ? "no operating point given (operating_rps)"
                : "no route accepted a result at the operating point")
                : String.format(java.util.Locale.ROOT, "%s: $%.4f per accepted result and %.2f accepted/s at %.1f"
                        + " requests/s offered", pick.route(), pick.atOperatingPoint().costPerAccepted(),
                        pick.atOperatingPoint().goodputRps(), pick.atOperatingPoint().rateRps());
        return new Result(slo, operatingRps, routes, pick == null ? null : pick.route(),
                fastest == null ? null : fastest.route(), why);
    }

    private static Step step(double rate, List<LoadCall> calls, Slo slo) {
        long completed = 0;
        long met = 0;
        long passed = 0;
        long judged = 0;
        long good = 0;
        long output = 0;
        double cost = 0;
        for (LoadCall c : calls) {
            cost += c.cost();
            if (c.failed()) {
                continue;
            }
            completed++;
            output += c.outputTokens();
            boolean inSlo = slo.met(c);
            met += inSlo ? 1 : 0;
            if (c.accepted() != null) {
                judged++;
                passed += c.accepted() ? 1 : 0;
            }
            good += inSlo && Boolean.TRUE.equals(c.accepted()) ? 1 : 0;
        }
        double seconds = calls.size() / rate;
        return new Step(rate, calls.size(), completed, met, passed, good, completed / seconds, output / seconds,
                good / seconds, good == 0 ? null : cost / good, judged == 0 ? null : (double) passed / judged,
                completed == 0 ? null : (double) met / completed, cost);
    }
}
