package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A workload's judged work units: how many landed where in the denominator, and what their human cases cost. */
public final class UnitTally {
    private final Map<UnitResult, Long> results = new EnumMap<>(UnitResult.class);
    private BigDecimal humanCaseCost = BigDecimal.ZERO;

    /** Judges one unit and counts it. */
    public void add(Call finalAttempt, long attempts, List<Verdict> verdicts, AcceptancePolicy policy,
            CostInputs inputs) {
        results.merge(Acceptance.judge(finalAttempt, attempts, verdicts, policy), 1L, Long::sum);
        humanCaseCost = humanCaseCost.add(humanCost(verdicts, inputs));
    }

    /** The units of a list of calls, each judged from its calls other than graders (the per-call reference path). */
    public static UnitTally of(List<Call> calls, Map<String, List<Verdict>> verdictsByUnit, AcceptancePolicy policy,
            CostInputs inputs) {
        Map<String, List<Call>> attemptsByUnit = new LinkedHashMap<>();
        for (Call c : calls) {
            if (!c.isGrader()) {
                attemptsByUnit.computeIfAbsent(c.unitKey(), k -> new ArrayList<>()).add(c);
            }
        }
        UnitTally tally = new UnitTally();
        attemptsByUnit.forEach((unit, attempts) -> tally.add(Acceptance.finalAttempt(attempts), attempts.size(),
                verdictsByUnit.getOrDefault(unit, List.of()), policy, inputs));
        return tally;
    }

    public long count(UnitResult result) {
        return results.getOrDefault(result, 0L);
    }

    public long attempted() {
        return results.values().stream().mapToLong(Long::longValue).sum();
    }

    public long accepted() {
        return results.entrySet().stream().filter(e -> e.getKey().accepted()).mapToLong(Map.Entry::getValue).sum();
    }

    public BigDecimal humanCaseCost() {
        return humanCaseCost;
    }

    /**
     * Units judged elsewhere (in the database, by the same rule): {@code units} landed on {@code result}; their
     * escalations stated {@code statedHumanCost} in all, and {@code unstatedCases} more cost the workload's rate.
     */
    public void addJudged(UnitResult result, long units, BigDecimal statedHumanCost, long unstatedCases,
            CostInputs inputs) {
        results.merge(result, units, Long::sum);
        humanCaseCost = humanCaseCost.add(statedHumanCost)
                .add(inputs.humanCostPerCase().multiply(BigDecimal.valueOf(unstatedCases)));
    }

    /**
     * A human case costs what its escalation says (the earliest, if several), else the workload's cost per case; a
     * unit is one case.
     */
    private static BigDecimal humanCost(List<Verdict> verdicts, CostInputs inputs) {
        return verdicts.stream().filter(v -> "escalation".equals(v.kind()))
                .min(java.util.Comparator.comparing((Verdict v) -> v.observedAt() == null ? java.time.Instant.EPOCH
                        : v.observedAt()).thenComparing(v -> v.humanCost() == null ? BigDecimal.ZERO : v.humanCost()))
                .map(v -> v.humanCost() != null ? v.humanCost() : inputs.humanCostPerCase())
                .orElse(BigDecimal.ZERO);
    }
}
