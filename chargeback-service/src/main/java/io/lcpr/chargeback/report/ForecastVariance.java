package io.lcpr.chargeback.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The month against the forecast (001 ch 27's "variance against forecast"): the newest forecast reconcile-service
 * kept whose horizon holds the month, per workload the team used, its predicted and actual monthly cost and the
 * team's share of each (the share it was charged of the workload); {@code note} when there is none to compare.
 */
public record ForecastVariance(UUID forecastId, String scenario, List<Line> workloads, BigDecimal teamPredicted,
        BigDecimal teamActual, BigDecimal teamVariance, String note) {

    public record Line(String workload, BigDecimal predicted, BigDecimal actual, BigDecimal variance,
            BigDecimal variancePct, BigDecimal teamShare) {
    }

    static ForecastVariance none(String note) {
        return new ForecastVariance(null, null, List.of(), null, null, null, note);
    }

    /** From reconcile's accuracy answer, the team's workloads with their shares. */
    static ForecastVariance of(JsonNode accuracy, Map<String, BigDecimal> teamShares) {
        List<Line> lines = new ArrayList<>();
        BigDecimal predicted = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        for (JsonNode c : accuracy.path("components")) {
            String w = c.path("workload").asText();
            BigDecimal share = teamShares.get(w);
            if (!"monthly_cost".equals(c.path("component").asText()) || share == null) {
                continue;
            }
            BigDecimal p = money(c.path("predicted").decimalValue());
            BigDecimal a = money(c.path("actual").decimalValue());
            lines.add(new Line(w, p, a, a.subtract(p), p.signum() == 0 ? null : a.subtract(p).multiply(
                    BigDecimal.valueOf(100)).divide(p, 2, RoundingMode.HALF_UP), share));
            predicted = predicted.add(p.multiply(share));
            actual = actual.add(a.multiply(share));
        }
        return new ForecastVariance(UUID.fromString(accuracy.path("forecastId").asText()),
                accuracy.path("scenario").asText(), lines, money(predicted), money(actual),
                money(actual.subtract(predicted)), lines.isEmpty() ? "the forecast holds none of the team's workloads"
                        : null);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
