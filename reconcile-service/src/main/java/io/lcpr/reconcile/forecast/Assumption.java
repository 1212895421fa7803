package io.lcpr.reconcile.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of the assumption register (001 ch 26): a named input of a forecast, the workload it applies to
 * ({@code *}: every workload with actuals), the component it moves, its value and the range it may take, the share
 * of the horizon it is in force (a migration that lands a third of the way in: 0.67), whether it is measured,
 * estimated or assumed, its source, owner and the date it was stated.
 * <p>
 * Components and what {@code value} means: {@code volume}, {@code inference_per_request}, {@code eval_per_request},
 * {@code human_per_request}, {@code acceptance_rate}, {@code ops}: a factor on the current actual (1.05 = +5%);
 * {@code cache_hit_rate}: a change in the share of input read from cache (-0.20 = 20 points fewer), priced at the
 * workload's input tokens per request and its cache discount per token; {@code new_units}: requests a month of a
 * workload without actuals (a new one), {@code new_cost_per_request}: its all-in cost per request.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Assumption(String name, String workload, String component, BigDecimal value, BigDecimal low,
        BigDecimal high, BigDecimal effectiveShare, String basis, String source, String owner, LocalDate statedOn) {

    public static final List<String> COMPONENTS = List.of("volume", "inference_per_request", "eval_per_request",
            "human_per_request", "acceptance_rate", "ops", "cache_hit_rate", "new_units", "new_cost_per_request");
    public static final List<String> BASES = List.of("measured", "estimated", "assumed");
    public static final String ALL = "*";

    /** The problems of an entry as a caller sent it, each naming its field; empty when it is valid. */
    public List<String> problems() {
        List<String> p = new java.util.ArrayList<>();
        if (workload == null || workload.isBlank()) {
            p.add("workload: is required (a workload, or * for all)");
        }
        if (component == null || !COMPONENTS.contains(component)) {
            p.add("component: '" + component + "' is not one of " + COMPONENTS);
        }
        if (value == null) {
            p.add("value: is required");
        }
        if (low != null && high != null && low.compareTo(high) > 0) {
            p.add("low: " + low + " is above high " + high);
        }
        if (effectiveShare != null && (effectiveShare.signum() < 0 || effectiveShare.compareTo(BigDecimal.ONE) > 0)) {
            p.add("effective_share: must be between 0 and 1, not " + effectiveShare);
        }
        if (basis == null || !BASES.contains(basis)) {
            p.add("basis: '" + basis + "' is not one of " + BASES);
        }
        if (source == null || source.isBlank()) {
            p.add("source: is required (where the value comes from)");
        }
        if (owner == null || owner.isBlank()) {
            p.add("owner: is required (who answers for it)");
        }
        if (statedOn == null) {
            p.add("stated_on: is required (YYYY-MM-DD)");
        }
        return p;
    }

    public double share() {
        return effectiveShare == null ? 1 : effectiveShare.doubleValue();
    }

    /** The same assumption at another value (a bound of its range). */
    Assumption at(BigDecimal v) {
        return new Assumption(name, workload, component, v, low, high, effectiveShare, basis, source, owner, statedOn);
    }

    boolean appliesTo(String w) {
        return workload.equals(ALL) ? !component.startsWith("new_") : workload.equals(w);
    }
}
