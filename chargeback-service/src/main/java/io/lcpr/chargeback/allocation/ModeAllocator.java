package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.lcpr.chargeback.team.Team;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.money.Split;

/**
 * The four allocation modes of 001 ch 27 computed side by side for a period (DESIGN.md section 4), in cents.
 *
 * <p>What is allocated is every workload's loaded cost. The unknown bucket (the part of a workload's loaded cost
 * whose calls named no team, by trace-derived cost) is its own line, the same in every mode; the rest (K) is divided
 * among the teams: those in the registry for the period and those with usage.
 * <ul>
 * <li>uniform: K equally per team, or per seat;</li>
 * <li>proportional: each workload's part of K by each team's usage of that workload (the policy's basis);</li>
 * <li>weighted: as proportional, each team's usage times its SLA tier coefficient, renormalized per workload;</li>
 * <li>hybrid: a floor (the platform's fixed cost: the policy's, else the period's ops component; at most K) split by
 * seats, and the rest split by each team's usage across the platform: one usage rate, the one that makes the charges
 * add up to the invoice-reconciled cost.</li>
 * </ul>
 * Every split rounds to cents by the largest-remainder method ({@link Split}): each part is rounded down, and the
 * cents left go one each to the largest remainders, ties to the team first in name order. So each mode's team
 * amounts plus the unknown bucket add up exactly to the total, and nothing is charged twice.
 */
public final class ModeAllocator {
    public static final int CENTS = 2;
    static final String UNKNOWN = TeamAllocationV1.UNKNOWN_TEAM;

    /** One mode's charges: per team, the unknown bucket, and their total. */
    public record ModeResult(AllocationMode mode, Map<String, BigDecimal> byTeam, BigDecimal unknown,
            BigDecimal total) {
    }

    /**
     * How far the modes move one team's charge: the least and the most it pays and under which mode, the spread, and
     * each mode's charge less the charge under the policy's mode (how much of the negotiation is mode-driven).
     */
    public record TeamVariance(String team, BigDecimal least, AllocationMode leastUnder, BigDecimal most,
            AllocationMode mostUnder, BigDecimal spread, Map<AllocationMode, BigDecimal> againstPolicy) {
    }

    /** Every mode side by side for one period, and the variance between them per team. */
    public record Comparison(AllocationPolicy policy, BigDecimal total, BigDecimal unknown, BigDecimal floor,
            Map<AllocationMode, ModeResult> modes, List<TeamVariance> variance) {
        public ModeResult inForce() {
            return modes.get(policy.mode());
        }
    }

    private ModeAllocator() {
    }

    public static Comparison compare(List<WorkloadUsage> workloads, Map<String, Team> registry,
            AllocationPolicy policy) {
        BigDecimal total = BigDecimal.ZERO.setScale(CENTS);
        BigDecimal unknown = BigDecimal.ZERO.setScale(CENTS);
        BigDecimal ops = BigDecimal.ZERO;
        Map<String, BigDecimal> known = new TreeMap<>(); // per workload: its loaded cost less the unknown bucket
        Set<String> teams = new TreeSet<>(registry.keySet());
        for (WorkloadUsage w : workloads) {
            BigDecimal loaded = cents(w.loaded());
            Map<String, BigDecimal> cost = new TreeMap<>();
            w.byTeam().forEach((t, u) -> cost.put(t, u.traceCost()));
            BigDecimal unknownPart = Split.proportional(loaded, cost, CENTS).getOrDefault(UNKNOWN, BigDecimal.ZERO.setScale(CENTS));
            known.merge(w.workload(), loaded.subtract(unknownPart), BigDecimal::add);
            total = total.add(loaded);
            unknown = unknown.add(unknownPart);
            ops = ops.add(w.ops());
            w.byTeam().keySet().stream().filter(t -> !t.equals(UNKNOWN)).forEach(teams::add);
        }
        BigDecimal allocatable = total.subtract(unknown);
        BigDecimal floor = cents(policy.hybridFloor() != null ? policy.hybridFloor() : ops).max(BigDecimal.ZERO)
                .min(allocatable.max(BigDecimal.ZERO));
        Map<AllocationMode, ModeResult> modes = new EnumMap<>(AllocationMode.class);
        modes.put(AllocationMode.UNIFORM, result(AllocationMode.UNIFORM,
                Split.proportional(allocatable, policy.uniformPerSeat() ? seats(teams, registry) : ones(teams), CENTS),
                teams, unknown));
        modes.put(AllocationMode.PROPORTIONAL, result(AllocationMode.PROPORTIONAL,
                byWorkload(workloads, known, policy.basis(), t -> BigDecimal.ONE), teams, unknown));
        modes.put(AllocationMode.WEIGHTED, result(AllocationMode.WEIGHTED,
                byWorkload(workloads, known, policy.basis(), t -> coefficient(t, registry)), teams, unknown));
        Map<String, BigDecimal> hybrid = new TreeMap<>(Split.proportional(floor, seats(teams, registry), CENTS));
        Split.proportional(allocatable.subtract(floor), platformUsage(workloads, teams, policy.basis()), CENTS)
                .forEach((t, a) -> hybrid.merge(t, a, BigDecimal::add));
        modes.put(AllocationMode.HYBRID, result(AllocationMode.HYBRID, hybrid, teams, unknown));
        return new Comparison(policy, total, unknown, floor, modes, variance(teams, modes, policy.mode()));
    }

    /** Each workload's known part split by its teams' usage times a weight per team, summed per team. */
    private static Map<String, BigDecimal> byWorkload(List<WorkloadUsage> workloads, Map<String, BigDecimal> known,
            UsageBasis basis, java.util.function.Function<String, BigDecimal> weight) {
        Map<String, BigDecimal> out = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> weightsByWorkload = new TreeMap<>();
        for (WorkloadUsage w : workloads) {
            Map<String, BigDecimal> weights = weightsByWorkload.computeIfAbsent(w.workload(), k -> new TreeMap<>());
            UsageBasis measured = basisOf(basis, w);
            w.byTeam().forEach((t, u) -> {
                if (!t.equals(UNKNOWN)) {
                    weights.merge(t, measured.of(u).multiply(weight.apply(t)), BigDecimal::add);
                }
            });
        }
        weightsByWorkload.forEach((workload, weights) -> {
            if (!weights.isEmpty()) {
                Split.proportional(known.get(workload), weights, CENTS).forEach((t, a) -> out.merge(t, a,
                        BigDecimal::add));
            }
        });
        return out;
    }

    /**
     * The basis a workload is split by: the policy's, unless no team of the workload has any usage on it (a workload
     * priced only by non-token units has no tokens), where its trace-derived cost stands in.
     */
    private static UsageBasis basisOf(UsageBasis basis, WorkloadUsage w) {
        boolean any = w.byTeam().entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(UNKNOWN) && basis.of(e.getValue()).signum() != 0);
        return any ? basis : UsageBasis.TRACE_COST;
    }

    /** Each team's usage across the platform on the basis (every team present, at zero when it used nothing). */
    private static Map<String, BigDecimal> platformUsage(List<WorkloadUsage> workloads, Set<String> teams,
            UsageBasis basis) {
        Map<String, BigDecimal> out = new TreeMap<>();
        teams.forEach(t -> out.put(t, BigDecimal.ZERO));
        for (WorkloadUsage w : workloads) {
            w.byTeam().forEach((t, u) -> {
                if (!t.equals(UNKNOWN)) {
                    out.merge(t, basis.of(u), BigDecimal::add);
                }
            });
        }
        return out;
    }

    private static ModeResult result(AllocationMode mode, Map<String, BigDecimal> split, Set<String> teams,
            BigDecimal unknown) {
        Map<String, BigDecimal> byTeam = new TreeMap<>();
        teams.forEach(t -> byTeam.put(t, split.getOrDefault(t, BigDecimal.ZERO).setScale(CENTS)));
        BigDecimal sum = byTeam.values().stream().reduce(unknown, BigDecimal::add);
        return new ModeResult(mode, byTeam, unknown, sum);
    }

    private static List<TeamVariance> variance(Set<String> teams, Map<AllocationMode, ModeResult> modes,
            AllocationMode inForce) {
        List<TeamVariance> out = new ArrayList<>();
        for (String t : teams) {
            AllocationMode least = null;
            AllocationMode most = null;
            Map<AllocationMode, BigDecimal> against = new EnumMap<>(AllocationMode.class);
            BigDecimal policy = modes.get(inForce).byTeam().get(t);
            for (ModeResult m : modes.values()) {
                BigDecimal a = m.byTeam().get(t);
                if (least == null || a.compareTo(modes.get(least).byTeam().get(t)) < 0) {
                    least = m.mode();
                }
                if (most == null || a.compareTo(modes.get(most).byTeam().get(t)) > 0) {
                    most = m.mode();
                }
                against.put(m.mode(), a.subtract(policy));
            }
            BigDecimal lo = modes.get(least).byTeam().get(t);
            BigDecimal hi = modes.get(most).byTeam().get(t);
            out.add(new TeamVariance(t, lo, least, hi, most, hi.subtract(lo), against));
        }
        return out;
    }

    private static Map<String, BigDecimal> ones(Set<String> teams) {
        Map<String, BigDecimal> out = new TreeMap<>();
        teams.forEach(t -> out.put(t, BigDecimal.ONE));
        return out;
    }

    /** Seats per team; when no team has a seat, equal parts. */
    private static Map<String, BigDecimal> seats(Set<String> teams, Map<String, Team> registry) {
        Map<String, BigDecimal> out = new TreeMap<>();
        teams.forEach(t -> out.put(t, BigDecimal.valueOf(registry.containsKey(t) ? registry.get(t).seats() : 0)));
        return out.values().stream().allMatch(v -> v.signum() == 0) ? ones(teams) : out;
    }

    private static BigDecimal coefficient(String team, Map<String, Team> registry) {
        Team t = registry.get(team);
        return t == null || t.coefficient() == null ? BigDecimal.ONE : t.coefficient();
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(CENTS, RoundingMode.HALF_EVEN);
    }
}
