package io.lcpr.reconcile.margin;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** What the calls of named customer accounts cost and which of their units were accepted, per workload. */
public final class AccountUsage {
    public static final AccountUsage NONE = new AccountUsage();

    private final Map<String, Map<String, BigDecimal>> cost = new TreeMap<>();
    private final Map<String, Map<String, Long>> accepted = new TreeMap<>();

    public void addCost(String account, String workload, BigDecimal amount) {
        cost.computeIfAbsent(account, a -> new TreeMap<>()).merge(workload, amount, BigDecimal::add);
    }

    public void addAccepted(String account, String workload, long units) {
        accepted.computeIfAbsent(account, a -> new TreeMap<>()).merge(workload, units, Long::sum);
    }

    public BigDecimal traceCost(String account, String workload) {
        return cost.getOrDefault(account, Map.of()).getOrDefault(workload, BigDecimal.ZERO);
    }

    public long accepted(String account, String workload) {
        return accepted.getOrDefault(account, Map.of()).getOrDefault(workload, 0L);
    }

    public long accepted(String account) {
        return accepted.getOrDefault(account, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
