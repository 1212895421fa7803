package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.money.Split;

/**
 * Proportional chargeback (DESIGN.md section 4): each workload's loaded cost is charged to the teams that called
 * it, in proportion to their trace-derived cost; calls without a team land in the {@code unknown} bucket, never
 * spread. Amounts are in cents and add up exactly to the total allocated.
 */
public final class ProportionalAllocator {
    public static final String MODE = "proportional";
    public static final int CENTS = 2;

    /** One team's charge and what it is made of. */
    public record TeamCharge(String team, BigDecimal amount, BigDecimal share, Map<String, BigDecimal> byWorkload) {
    }

    private ProportionalAllocator() {
    }

    public static List<TeamCharge> allocate(List<LcprComputedV1> workloads) {
        Map<String, Map<String, BigDecimal>> byTeam = new TreeMap<>();
        for (LcprComputedV1 w : workloads) {
            Map<String, BigDecimal> weights = w.traceCostByTeam() == null || w.traceCostByTeam().isEmpty()
                    ? Map.of(TeamAllocationV1.UNKNOWN_TEAM, BigDecimal.ONE)
                    : w.traceCostByTeam();
            Split.proportional(w.loadedCost(), weights, CENTS).forEach((team, amount) -> byTeam
                    .computeIfAbsent(team, t -> new TreeMap<>()).merge(w.workload(), amount, BigDecimal::add));
        }
        BigDecimal total = total(byTeam);
        return byTeam.entrySet().stream().map(e -> {
            BigDecimal amount = e.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal share = total.signum() == 0 ? BigDecimal.ZERO : amount.divide(total, 6, RoundingMode.HALF_UP);
            return new TeamCharge(e.getKey(), amount, share, e.getValue());
        }).toList();
    }

    private static BigDecimal total(Map<String, Map<String, BigDecimal>> byTeam) {
        return byTeam.values().stream().flatMap(m -> m.values().stream()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
