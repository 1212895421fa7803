package io.lcpr.reconcile.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * A forecast against the month that happened (001 ch 26: "forecast accuracy: predicted vs actual by component;
 * assumption tracking: which assumptions were wrong, by how much"). Per workload and component, predicted, actual
 * and the error; per assumption (per workload for a {@code *} one), the value the month implies and how far the
 * stated value was from it; wrong beyond 3% of the stated value (2 points for a cache hit rate). The month's cost
 * against the forecast is the variance chargeback reports.
 */
public record Accuracy(UUID forecastId, String scenario, String period, double predictedCost, double actualCost,
        double variance, Double variancePct, List<ComponentError> components, List<AssumptionCheck> assumptions) {

    public record ComponentError(String workload, String component, double predicted, double actual,
            Double errorPct) {
    }

    public record AssumptionCheck(String assumption, String workload, String component, BigDecimal stated,
            Double implied, Double error, boolean wrong) {
    }

    static final double TOLERANCE = 0.03;
    static final double POINTS_TOLERANCE = 0.02;

    public static Accuracy of(Forecast f, String period, List<Actuals> actual) {
        Map<String, Actuals> now = actual.stream().collect(Collectors.toMap(Actuals::workload, a -> a));
        Map<String, Actuals> base = f.base().stream().collect(Collectors.toMap(Actuals::workload, a -> a));
        List<ComponentError> components = new ArrayList<>();
        double predicted = 0;
        double happened = 0;
        for (ForecastModel.WorkloadForecast p : f.result().point().workloads()) {
            Actuals a = now.get(p.workload());
            predicted += p.monthlyCost();
            if (a == null) {
                components.add(new ComponentError(p.workload(), "monthly_cost", p.monthlyCost(), 0, -100.0));
                continue;
            }
            happened += a.cost();
            add(components, p.workload(), "requests", p.requests(), a.requests());
            add(components, p.workload(), "acceptance_rate", p.acceptanceRate(), a.acceptanceRate());
            add(components, p.workload(), "inference_per_request", p.inferencePerRequest(), a.inferencePerRequest());
            add(components, p.workload(), "eval_per_request", p.evalPerRequest(), a.evalPerRequest());
            add(components, p.workload(), "human_per_request", p.humanPerRequest(), a.humanPerRequest());
            add(components, p.workload(), "ops", p.ops(), a.ops());
            add(components, p.workload(), "cache_hit_rate", p.cacheHitRate(), a.cacheHitRate());
            add(components, p.workload(), "monthly_cost", p.monthlyCost(), a.cost());
        }
        List<AssumptionCheck> checks = new ArrayList<>();
        for (Assumption x : f.result().assumptions()) {
            List<String> workloads = x.workload().equals(Assumption.ALL) ? List.copyOf(base.keySet())
                    : List.of(x.workload());
            for (String w : workloads) {
                checks.add(check(x, f.result().assumptions(), base.get(w), now.get(w), w));
            }
        }
        return new Accuracy(f.id(), f.result().scenario(), period, predicted, happened, happened - predicted,
                predicted == 0 ? null : (happened / predicted - 1) * 100, components, checks);
    }

    private static AssumptionCheck check(Assumption x, List<Assumption> all, Actuals base, Actuals now, String w) {
        double s = x.share();
        Double implied = null;
        if (now != null && s > 0) {
            implied = switch (x.component()) {
                case "new_units" -> now.requests() / s;
                case "new_cost_per_request" -> now.requests() == 0 ? null : now.cost() / now.requests();
                case "cache_hit_rate" -> base == null ? null : (now.cacheHitRate() - base.cacheHitRate()) / s;
                default -> base == null ? null : factor(x, all, base, now, s);
            };
        }
        if (implied == null) {
            return new AssumptionCheck(x.name(), w, x.component(), x.value(), null, null, false);
        }
        double stated = x.value().doubleValue();
        double error = implied - stated;
        boolean wrong = x.component().equals("cache_hit_rate") ? Math.abs(error) > POINTS_TOLERANCE
                : Math.abs(error) > TOLERANCE * Math.abs(stated);
        return new AssumptionCheck(x.name(), w, x.component(), x.value(), implied, error, wrong);
    }

    /** The factor the month implies: actual over base (inference per request net of the predicted cache change). */
    private static Double factor(Assumption x, List<Assumption> all, Actuals base, Actuals now, double s) {
        ToDoubleFunction<Actuals> read = switch (x.component()) {
            case "volume" -> Actuals::requests;
            case "acceptance_rate" -> Actuals::acceptanceRate;
            case "eval_per_request" -> Actuals::evalPerRequest;
            case "human_per_request" -> Actuals::humanPerRequest;
            case "ops" -> Actuals::ops;
            default -> Actuals::inferencePerRequest;
        };
        double from = read.applyAsDouble(base);
        if (x.component().equals("inference_per_request")) {
            for (Assumption c : all) {
                if (c.component().equals("cache_hit_rate") && c.appliesTo(base.workload())) {
                    from -= c.share() * c.value().doubleValue() * base.inputTokensPerRequest()
                            * base.cacheDiscountPerToken();
                }
            }
        }
        if (from == 0) {
            return null;
        }
        double effective = read.applyAsDouble(now) / from;
        return 1 + (effective - 1) / s;
    }

    private static void add(List<ComponentError> out, String w, String component, double predicted, double actual) {
        out.add(new ComponentError(w, component, predicted, actual,
                predicted == 0 ? null : (actual / predicted - 1) * 100));
    }
}
