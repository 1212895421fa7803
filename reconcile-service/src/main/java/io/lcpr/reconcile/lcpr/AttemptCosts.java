package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A workload's trace-derived cost by attempt kind, and the wasted part: what retries, repairs and fallbacks cost, the
 * work done again because an attempt failed (a failed attempt that was retried is mostly a rate limit or a timeout,
 * billed little or nothing; its tokens, if any, are in its own kind's cost).
 */
public final class AttemptCosts {
    public static final Set<String> REDONE = Set.of("retry", "repair", "fallback");

    private AttemptCosts() {
    }

    public static Map<String, BigDecimal> byKind(List<CostSlice> slices) {
        Map<String, BigDecimal> out = new TreeMap<>();
        slices.forEach(s -> out.merge(s.attemptKind(), s.cost(), BigDecimal::add));
        return out;
    }

    public static BigDecimal wasted(Map<String, BigDecimal> byKind) {
        return byKind.entrySet().stream().filter(e -> REDONE.contains(e.getKey())).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
