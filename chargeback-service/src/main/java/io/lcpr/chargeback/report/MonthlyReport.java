package io.lcpr.chargeback.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.chargeback.close.FocusExport;
import io.lcpr.events.TeamAllocationV1;

/**
 * A team's monthly chargeback report (001 ch 27): what it pays by component, LCPR of each workload it used with the
 * denominator, the move from last month as a waterfall by component and its three largest deltas explained (for
 * inference: how much came from volume, tokens, and how much from cost per token), the mode in force against every
 * mode, the reserve, the transfers with other teams (shared prefixes, adapters) and its share of dedicated
 * endpoints, a paragraph of trend written from the figures, and the month against the forecast reconcile kept.
 */
public record MonthlyReport(String team, String period, String state, String mode, BigDecimal charged,
        BigDecimal reserveContribution, BigDecimal incidentCredit, BigDecimal net, Map<String, BigDecimal> byComponent,
        String lastPeriod, BigDecimal lastCharged, Map<String, BigDecimal> lastByComponent, List<Step> waterfall,
        List<Delta> largestDeltas, List<TeamAllocationV1.WorkloadLcpr> lcpr, Map<String, BigDecimal> modes,
        BigDecimal variance, List<TeamAllocationV1.Transfer> transfers, List<TeamAllocationV1.CapacityShare> capacity,
        String trend, ForecastVariance forecast) {

    MonthlyReport withForecast(ForecastVariance f) {
        return new MonthlyReport(team, period, state, mode, charged, reserveContribution, incidentCredit, net,
                byComponent, lastPeriod, lastCharged, lastByComponent, waterfall, largestDeltas, lcpr, modes, variance,
                transfers, capacity, trend, f);
    }

    static final List<String> COMPONENTS = List.of("inference", "eval", "human", "ops", "delta");

    /** A bar of the waterfall: last month's total, a component's change, this month's total. */
    public record Step(String label, BigDecimal value, boolean total) {
    }

    /** A workload and component's move from last month, and why. */
    public record Delta(String workload, String component, BigDecimal last, BigDecimal now, BigDecimal change,
            Long lastTokens, Long tokens, String explanation) {
    }

    /** A team's statement and lines of one month (null: no figures for the month). */
    record TeamMonth(String period, int version, FocusExport.Statement statement) {
    }

    static MonthlyReport of(String team, TeamMonth now, TeamMonth last) {
        TeamAllocationV1 e = now.statement().event();
        Map<List<String>, BigDecimal> cells = cells(now.statement());
        Map<List<String>, BigDecimal> lastCells = last == null ? Map.of() : cells(last.statement());
        Map<String, Long> tokens = tokens(now.statement());
        Map<String, Long> lastTokens = last == null ? Map.of() : tokens(last.statement());
        Map<String, BigDecimal> byComponent = byComponent(cells);
        Map<String, BigDecimal> lastByComponent = byComponent(lastCells);
        BigDecimal lastCharged = last == null ? null : last.statement().event().amount();

        List<Step> waterfall = new ArrayList<>();
        if (last != null) {
            waterfall.add(new Step(last.period(), lastCharged, true));
            for (String c : COMPONENTS) {
                waterfall.add(new Step(c, byComponent.get(c).subtract(lastByComponent.get(c)), false));
            }
        }
        waterfall.add(new Step(now.period(), e.amount(), true));

        List<Delta> deltas = new ArrayList<>();
        java.util.Set<List<String>> keys = new java.util.TreeSet<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        keys.addAll(cells.keySet());
        keys.addAll(lastCells.keySet());
        for (List<String> k : keys) {
            BigDecimal was = lastCells.getOrDefault(k, BigDecimal.ZERO.setScale(2));
            BigDecimal is = cells.getOrDefault(k, BigDecimal.ZERO.setScale(2));
            Long t0 = k.get(1).equals("inference") ? lastTokens.get(k.get(0)) : null;
            Long t1 = k.get(1).equals("inference") ? tokens.get(k.get(0)) : null;
            deltas.add(new Delta(k.get(0), k.get(1), was, is, is.subtract(was), t0, t1, explain(k, was, is, t0, t1)));
        }
        deltas.sort(Comparator.comparing((Delta d) -> d.change().abs()).reversed());
        List<Delta> largest = last == null ? List.of() : List.copyOf(deltas.subList(0, Math.min(3, deltas.size())));
        String state = now.version() == 0 ? "preview" : "closed (version " + now.version() + ")";
        return new MonthlyReport(team, now.period(), state, e.mode(), e.amount(), e.reserveContribution(),
                e.incidentCredit(), e.net(), byComponent, last == null ? null : last.period(), lastCharged,
                last == null ? null : lastByComponent, waterfall, largest, e.lcprByWorkload(), e.modes(), e.variance(),
                e.transfers() == null ? List.of() : e.transfers(), e.capacity() == null ? List.of() : e.capacity(),
                trend(team, now, e, lastCharged, last, largest), null);
    }

    private static String explain(List<String> k, BigDecimal was, BigDecimal is, Long t0, Long t1) {
        String move = is.compareTo(was) >= 0 ? "up" : "down";
        StringBuilder s = new StringBuilder(k.get(1) + " on " + k.get(0) + " " + move + " $"
                + is.subtract(was).abs().setScale(2, RoundingMode.HALF_UP).toPlainString());
        if (was.signum() != 0) {
            s.append(" (").append(pct(is.subtract(was), was)).append(")");
        }
        if (t0 != null && t1 != null && t0 > 0 && t1 > 0 && was.signum() > 0) {
            // at last month's cost per token, this month's tokens would have cost volume; the rest is cost per token
            BigDecimal atLastRate = was.multiply(BigDecimal.valueOf(t1)).divide(BigDecimal.valueOf(t0), 2,
                    RoundingMode.HALF_UP);
            BigDecimal volume = atLastRate.subtract(was);
            BigDecimal rate = is.subtract(atLastRate);
            s.append(": volume ").append(signed(volume)).append(" (tokens ").append(pct(BigDecimal.valueOf(t1 - t0),
                    BigDecimal.valueOf(t0))).append("), cost per token ").append(signed(rate));
        }
        return s.toString();
    }

    private static String trend(String team, TeamMonth now, TeamAllocationV1 e, BigDecimal lastCharged,
            TeamMonth last, List<Delta> largest) {
        StringBuilder s = new StringBuilder(team + " is charged $" + e.amount().toPlainString() + " for " + now.period()
                + " under " + e.mode() + " allocation");
        if (lastCharged != null) {
            s.append(", ").append(e.amount().compareTo(lastCharged) >= 0 ? "up " : "down ")
                    .append(pct(e.amount().subtract(lastCharged), lastCharged)).append(" on ")
                    .append(last.period()).append(" ($").append(lastCharged.toPlainString()).append(")");
        }
        s.append(".");
        if (!largest.isEmpty() && largest.get(0).change().signum() != 0) {
            s.append(" The largest move: ").append(largest.get(0).explanation()).append(".");
        }
        String dearest = e.modes().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(e.mode());
        String cheapest = e.modes().entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(e.mode());
        s.append(" Across the four modes the charge would range from $").append(e.modes().get(cheapest)
                .toPlainString()).append(" (").append(cheapest).append(") to $").append(e.modes().get(dearest)
                        .toPlainString()).append(" (").append(dearest).append("): $").append(e.variance()
                                .toPlainString()).append(" of the negotiation is the choice of mode.");
        return s.toString();
    }

    private static Map<List<String>, BigDecimal> cells(FocusExport.Statement s) {
        Map<List<String>, BigDecimal> out = new LinkedHashMap<>();
        s.lines().forEach(l -> out.merge(List.of(l.workload(), l.component()), l.amount(), BigDecimal::add));
        return out;
    }

    private static Map<String, Long> tokens(FocusExport.Statement s) {
        Map<String, Long> out = new TreeMap<>();
        s.lines().forEach(l -> {
            if (l.tokens() != null) {
                out.merge(l.workload(), l.tokens(), Long::sum);
            }
        });
        return out;
    }

    private static Map<String, BigDecimal> byComponent(Map<List<String>, BigDecimal> cells) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        COMPONENTS.forEach(c -> out.put(c, BigDecimal.ZERO.setScale(2)));
        cells.forEach((k, v) -> out.merge(k.get(1), v, BigDecimal::add));
        return out;
    }

    private static String pct(BigDecimal change, BigDecimal base) {
        return String.format(Locale.ROOT, "%+.1f%%", change.multiply(BigDecimal.valueOf(100))
                .divide(base.abs(), 1, RoundingMode.HALF_UP));
    }

    private static String signed(BigDecimal v) {
        return (v.signum() >= 0 ? "+$" : "-$") + v.abs().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
