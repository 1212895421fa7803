package io.lcpr.reconcile.margin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1.Margin;
import io.lcpr.events.RevenueTermV1;
import io.lcpr.money.Money;

/**
 * Margins beyond the workload: per owner team (the revenue and loaded cost of the workloads it owns) and per
 * customer account. An account's cost is its share of each workload's loaded (and inference) cost, the share being
 * the trace-derived cost of the account's calls over the workload's; its revenue is what the terms naming it bring:
 * a fixed monthly amount, or a price per accepted unit of its own units.
 */
public final class Margins {
    public static final String TEAM = "team";
    public static final String ACCOUNT = "account";
    /** Owner team of the workloads the registry gives none. */
    public static final String UNOWNED = "unowned";

    private Margins() {
    }

    /** Per owner team, over every workload of the run. */
    public static List<Margin> byTeam(List<LcprComputedV1> results, Map<String, String> ownerByWorkload) {
        Map<String, BigDecimal[]> teams = new TreeMap<>();
        for (LcprComputedV1 r : results) {
            String owner = ownerByWorkload.get(r.workload());
            BigDecimal[] t = teams.computeIfAbsent(owner == null ? UNOWNED : owner, k -> new BigDecimal[4]);
            t[0] = plus(t[0], r.revenue());
            t[1] = plus(t[1], r.loadedCost());
            t[2] = plus(t[2], r.inferenceCost());
            t[3] = plus(t[3], BigDecimal.valueOf(r.acceptedUnits()));
        }
        List<Margin> out = new ArrayList<>();
        teams.forEach((team, t) -> out.add(margin(TEAM, team, t[0], t[1], t[2], t[3].longValue())));
        return out;
    }

    /** The customer accounts the revenue terms in force name. */
    public static Set<String> namedAccounts(List<RevenueTermV1> terms, Instant periodStart) {
        Set<String> out = new TreeSet<>();
        terms.stream().filter(t -> t.account() != null && Revenue.inForce(t, periodStart)).forEach(t -> out.add(t.account()));
        return out;
    }

    /**
     * Per named customer account.
     *
     * @param usage the named accounts' trace-derived cost and accepted units, by workload
     * @param traceCostByWorkload every call's trace-derived cost per workload (graders included), the shares' base
     */
    public static List<Margin> byAccount(List<RevenueTermV1> terms, Instant periodStart, BigDecimal monthShare,
            AccountUsage usage, Map<String, BigDecimal> traceCostByWorkload, List<LcprComputedV1> results) {
        List<Margin> out = new ArrayList<>();
        for (String account : namedAccounts(terms, periodStart)) {
            BigDecimal revenue = null;
            for (RevenueTermV1 t : terms) {
                if (!account.equals(t.account()) || !Revenue.inForce(t, periodStart)) {
                    continue;
                }
                long units = t.workload() != null ? usage.accepted(account, t.workload()) : usage.accepted(account);
                BigDecimal amount = switch (t.kind()) {
                case Revenue.PER_ACCEPTED_UNIT -> t.amount().multiply(BigDecimal.valueOf(units));
                case Revenue.FIXED_MONTHLY -> t.amount().multiply(monthShare);
                default -> BigDecimal.ZERO;
                };
                revenue = plus(revenue, amount);
            }
            BigDecimal loaded = BigDecimal.ZERO;
            BigDecimal inference = BigDecimal.ZERO;
            for (LcprComputedV1 r : results) {
                BigDecimal mine = usage.traceCost(account, r.workload());
                BigDecimal all = traceCostByWorkload.get(r.workload());
                if (mine.signum() == 0 || all == null || all.signum() == 0) {
                    continue;
                }
                loaded = loaded.add(r.loadedCost().multiply(mine).divide(all, 12, RoundingMode.HALF_UP));
                inference = inference.add(r.inferenceCost().multiply(mine).divide(all, 12, RoundingMode.HALF_UP));
            }
            out.add(margin(ACCOUNT, account, revenue, loaded, inference, usage.accepted(account)));
        }
        return out;
    }

    /** LCPR = loaded cost / accepted units, as for a workload. */
    private static Margin margin(String scope, String name, BigDecimal revenue, BigDecimal loaded,
            BigDecimal inference, long accepted) {
        BigDecimal l = loaded == null ? BigDecimal.ZERO : loaded;
        BigDecimal i = inference == null ? BigDecimal.ZERO : inference;
        return new Margin(scope, name, revenue == null ? null : Money.of(revenue), Money.of(l), Money.of(i),
                Revenue.marginPct(revenue, l), Revenue.marginPct(revenue, i), accepted,
                accepted == 0 ? null : Money.of(l.divide(BigDecimal.valueOf(accepted), 12, RoundingMode.HALF_UP)));
    }

    private static BigDecimal plus(BigDecimal sum, BigDecimal value) {
        return value == null ? sum : sum == null ? value : sum.add(value);
    }
}
