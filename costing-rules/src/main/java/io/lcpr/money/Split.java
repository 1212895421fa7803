package io.lcpr.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an amount in proportion to weights, rounded to {@code scale} places with the largest-remainder method, so
 * the parts always add up to the amount exactly: nothing is lost or counted twice by rounding.
 */
public final class Split {
    private Split() {
    }

    public static <K> Map<K, BigDecimal> proportional(BigDecimal amount, Map<K, BigDecimal> weights, int scale) {
        Map<K, BigDecimal> parts = new LinkedHashMap<>();
        BigDecimal totalWeight = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (weights.isEmpty()) {
            return parts;
        }
        if (totalWeight.signum() == 0) {
            // nothing to weigh by: equal parts
            Map<K, BigDecimal> equal = new LinkedHashMap<>();
            weights.keySet().forEach(k -> equal.put(k, BigDecimal.ONE));
            return proportional(amount, equal, scale);
        }
        BigDecimal target = amount.setScale(scale, RoundingMode.HALF_EVEN);
        record Share<K>(K key, BigDecimal floor, BigDecimal remainder) {
        }
        List<Share<K>> shares = new ArrayList<>();
        BigDecimal assigned = BigDecimal.ZERO;
        for (Map.Entry<K, BigDecimal> e : weights.entrySet()) {
            BigDecimal exact = target.multiply(e.getValue()).divide(totalWeight, scale + 12, RoundingMode.HALF_EVEN);
            BigDecimal floor = exact.setScale(scale, target.signum() >= 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
            shares.add(new Share<>(e.getKey(), floor, exact.subtract(floor).abs()));
            assigned = assigned.add(floor);
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        long leftoverUnits = target.subtract(assigned).abs().divide(unit, 0, RoundingMode.HALF_EVEN).longValueExact();
        BigDecimal step = target.signum() >= 0 ? unit : unit.negate();
        List<Share<K>> byRemainder = new ArrayList<>(shares);
        byRemainder.sort(Comparator.comparing((Share<K> s) -> s.remainder()).reversed());
        Map<K, BigDecimal> bonus = new LinkedHashMap<>();
        for (int i = 0; i < leftoverUnits; i++) {
            bonus.merge(byRemainder.get(i % byRemainder.size()).key(), step, BigDecimal::add);
        }
        for (Share<K> s : shares) {
            parts.put(s.key(), s.floor().add(bonus.getOrDefault(s.key(), BigDecimal.ZERO)));
        }
        return parts;
    }
}
