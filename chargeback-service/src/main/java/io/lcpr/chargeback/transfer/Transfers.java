package io.lcpr.chargeback.transfer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.money.Split;

/**
 * Transfers between teams and capacity attribution for a month (001 ch 27, pure), in cents.
 * <ul>
 * <li>A shared prefix: the teams that wrote its cache (by cache-creation tokens; else its registered owner) warm it
 * for the teams that read it. Passed through (the default) each reader keeps the discount of its reads, shown as a
 * transfer from the warmers that is not applied; paid to the warmers, each reader pays its discount to them.</li>
 * <li>An adapter: its training cost is charged to its owner in its training month; amortized, each other team
 * calling it pays its calls times cost over expected calls to the owner, until the cost is recovered.</li>
 * <li>A dedicated endpoint: each team's share of its busiest hour, the month's cost (cost per hour times hours) split
 * by those shares, and the unused fraction of its capacity over the month (shown, not charged again).</li>
 * </ul>
 */
public final class Transfers {
    /** Money moved from one team to another ({@code applied}: charged; otherwise shown). */
    public record Transfer(String kind, String ref, String from, String to, BigDecimal amount, boolean applied,
            String basis) {
    }

    /** A team's share of a dedicated endpoint: of its busiest hour, and of its month's cost by that share. */
    public record CapacityShare(String endpoint, String team, BigDecimal peakShare, BigDecimal pinnedCost) {
    }

    /** A dedicated endpoint over the month: its capacity, cost, the fraction used and unused, each team's share. */
    public record Capacity(String endpoint, String owner, long capacityTokensPerHour, BigDecimal monthCost,
            long tokens, BigDecimal usedFraction, BigDecimal unusedFraction, BigDecimal unusedCost,
            List<CapacityShare> shares) {
    }

    /** The month's transfers, each team's net of the applied ones (paid positive), training charges, capacity. */
    public record Result(List<Transfer> transfers, Map<String, BigDecimal> netByTeam,
            Map<String, BigDecimal> trainingCharges, Map<String, BigDecimal> amortized, List<Capacity> capacity) {
        public static final Result NONE = new Result(List.of(), Map.of(), Map.of(), Map.of(), List.of());

        public BigDecimal netOf(String team) {
            return netByTeam.getOrDefault(team, BigDecimal.ZERO.setScale(2));
        }

        public BigDecimal trainingOf(String team) {
            return trainingCharges.getOrDefault(team, BigDecimal.ZERO.setScale(2));
        }
    }

    private Transfers() {
    }

    /**
     * {@code amortizedBefore}: per adapter, what closed months before this one amortized; {@code hours}: the month's
     * hours (an endpoint's capacity over the month).
     */
    public static Result compute(String period, List<ReconciliationCompletedV1.Attribution> lines,
            Map<String, Asset> assets, boolean discountToWarmers, boolean amortizeAdapters,
            Map<String, BigDecimal> amortizedBefore, long hours) {
        List<Transfer> transfers = new ArrayList<>();
        Map<String, BigDecimal> net = new TreeMap<>();
        Map<String, BigDecimal> training = new TreeMap<>();
        Map<String, BigDecimal> amortized = new TreeMap<>();
        Map<String, Map<String, List<ReconciliationCompletedV1.Attribution>>> byRef = new TreeMap<>();
        for (ReconciliationCompletedV1.Attribution l : lines == null ? List.<ReconciliationCompletedV1.Attribution> of()
                : lines) {
            byRef.computeIfAbsent(l.kind(), k -> new TreeMap<>()).computeIfAbsent(l.ref(), k -> new ArrayList<>())
                    .add(l);
        }
        byRef.getOrDefault("prefix", Map.of()).forEach((ref, ls) -> {
            Map<String, BigDecimal> warmers = new TreeMap<>();
            Map<String, BigDecimal> discounts = new TreeMap<>();
            for (ReconciliationCompletedV1.Attribution l : ls) {
                if (l.cacheCreationTokens() > 0) {
                    warmers.merge(l.team(), BigDecimal.valueOf(l.cacheCreationTokens()), BigDecimal::add);
                }
                if (l.cacheReadDiscount() != null && l.cacheReadDiscount().signum() > 0) {
                    discounts.merge(l.team(), l.cacheReadDiscount(), BigDecimal::add);
                }
            }
            Asset asset = assets.get("prefix/" + ref);
            if (warmers.isEmpty() && asset != null) {
                warmers.put(asset.ownerTeam(), BigDecimal.ONE);
            }
            discounts.keySet().removeAll(warmers.keySet());
            discounts.forEach((reader, discount) -> {
                BigDecimal amount = discount.setScale(2, RoundingMode.HALF_EVEN);
                if (amount.signum() == 0 || warmers.isEmpty()) {
                    return;
                }
                Split.proportional(amount, warmers, 2).forEach((warmer, part) -> {
                    if (part.signum() != 0) {
                        transfers.add(new Transfer("cache", ref, reader, warmer, part, discountToWarmers,
                                "the cache discount of " + reader + "'s reads of a prefix " + warmer + " warmed"));
                        if (discountToWarmers) {
                            net.merge(reader, part, BigDecimal::add);
                            net.merge(warmer, part.negate(), BigDecimal::add);
                        }
                    }
                });
            });
        });
        assets.values().stream().filter(a -> a.kind().equals("adapter") && a.trainingCost() != null
                && period.equals(a.trainingMonth())).forEach(a -> training.merge(a.ownerTeam(),
                        a.trainingCost().setScale(2, RoundingMode.HALF_EVEN), BigDecimal::add));
        byRef.getOrDefault("adapter", Map.of()).forEach((ref, ls) -> {
            Asset a = assets.get("adapter/" + ref);
            if (!amortizeAdapters || a == null || a.trainingCost() == null || a.expectedCalls() == null
                    || a.expectedCalls() <= 0) {
                return;
            }
            BigDecimal left = a.trainingCost().subtract(amortizedBefore.getOrDefault(ref, BigDecimal.ZERO))
                    .max(BigDecimal.ZERO);
            BigDecimal perCall = a.trainingCost().divide(BigDecimal.valueOf(a.expectedCalls()), 12,
                    RoundingMode.HALF_UP);
            Map<String, BigDecimal> due = new TreeMap<>();
            ls.stream().filter(l -> !l.team().equals(a.ownerTeam())).forEach(l -> due.merge(l.team(),
                    perCall.multiply(BigDecimal.valueOf(l.calls())), BigDecimal::add));
            BigDecimal asked = due.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal paid = asked.min(left).setScale(2, RoundingMode.HALF_EVEN);
            if (paid.signum() == 0) {
                return;
            }
            Split.proportional(paid, due, 2).forEach((team, part) -> {
                transfers.add(new Transfer("adapter", ref, team, a.ownerTeam(), part, true,
                        "amortized training cost of " + ref + " at " + perCall.setScale(6, RoundingMode.HALF_UP)
                                + " a call"));
                net.merge(team, part, BigDecimal::add);
                net.merge(a.ownerTeam(), part.negate(), BigDecimal::add);
            });
            amortized.put(ref, paid);
        });
        List<Capacity> capacity = new ArrayList<>();
        byRef.getOrDefault("endpoint", Map.of()).forEach((ref, ls) -> {
            Asset a = assets.get("endpoint/" + ref);
            Map<String, BigDecimal> atPeak = new TreeMap<>();
            long tokens = 0;
            for (ReconciliationCompletedV1.Attribution l : ls) {
                tokens += l.inputTokens() + l.outputTokens();
                if (l.peakTokens() != null && l.peakTokens() > 0) {
                    atPeak.merge(l.team(), BigDecimal.valueOf(l.peakTokens()), BigDecimal::add);
                }
            }
            BigDecimal cost = a == null || a.costPerHour() == null ? BigDecimal.ZERO.setScale(2)
                    : a.costPerHour().multiply(BigDecimal.valueOf(hours)).setScale(2, RoundingMode.HALF_EVEN);
            long cap = a == null || a.capacityTokensPerHour() == null ? 0 : a.capacityTokensPerHour();
            BigDecimal used = cap == 0 ? null : BigDecimal.valueOf(tokens).divide(BigDecimal.valueOf(cap * hours), 6,
                    RoundingMode.HALF_UP).min(BigDecimal.ONE);
            BigDecimal unused = used == null ? null : BigDecimal.ONE.subtract(used);
            BigDecimal peak = atPeak.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, BigDecimal> pinned = atPeak.isEmpty() ? Map.of() : Split.proportional(cost, atPeak, 2);
            List<CapacityShare> shares = new ArrayList<>();
            atPeak.forEach((team, t) -> shares.add(new CapacityShare(ref, team, t.divide(peak, 6, RoundingMode.HALF_UP),
                    pinned.get(team))));
            capacity.add(new Capacity(ref, a == null ? null : a.ownerTeam(), cap, cost, tokens, used, unused,
                    unused == null ? null : cost.multiply(unused).setScale(2, RoundingMode.HALF_EVEN), shares));
        });
        return new Result(transfers, net, training, amortized, capacity);
    }
}
