package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LCPR_w = (C_inference + C_eval + C_human + C_ops + delta) / A  (DESIGN.md section 4).
 * C_inference: first attempts, retries, repairs, fallbacks; C_eval: grader calls plus non-LLM eval cost; C_human:
 * escalated cases plus review time; A: accepted work units. Eval-only units have no denominator.
 */
public final class LcprCalculator {
    public static final int RATIO_SCALE = 6;

    private LcprCalculator() {
    }

    public static WorkloadLcpr compute(String workload, List<PricedCall> calls, Map<String, List<Verdict>> verdictsByUnit,
            AcceptancePolicy policy, CostInputs inputs, BigDecimal delta) {
        BigDecimal inference = BigDecimal.ZERO;
        BigDecimal graders = BigDecimal.ZERO;
        Map<String, Long> callsByKind = new TreeMap<>();
        Map<String, BigDecimal> costByTeam = new TreeMap<>();
        Map<String, List<Call>> attemptsByUnit = new LinkedHashMap<>();
        for (PricedCall pc : calls) {
            Call c = pc.call();
            callsByKind.merge(c.attemptKind(), 1L, Long::sum);
            costByTeam.merge(c.teamOrUnknown(), pc.cost(), BigDecimal::add);
            if (c.isGrader()) {
                graders = graders.add(pc.cost());
            } else {
                inference = inference.add(pc.cost());
                attemptsByUnit.computeIfAbsent(c.unitKey(), k -> new ArrayList<>()).add(c);
            }
        }
        Map<UnitResult, Long> results = new EnumMap<>(UnitResult.class);
        BigDecimal human = inputs.humanReviewCost();
        for (Map.Entry<String, List<Call>> unit : attemptsByUnit.entrySet()) {
            List<Verdict> verdicts = verdictsByUnit.getOrDefault(unit.getKey(), List.of());
            UnitResult result = Acceptance.judge(unit.getValue(), verdicts, policy);
            results.merge(result, 1L, Long::sum);
            human = human.add(humanCost(verdicts, inputs));
        }
        long attempted = attemptsByUnit.size();
        long accepted = results.getOrDefault(UnitResult.FIRST_ATTEMPT_PASS, 0L)
                + results.getOrDefault(UnitResult.RECOVERED, 0L);
        BigDecimal eval = graders.add(inputs.evalOtherCost());
        BigDecimal loaded = inference.add(eval).add(human).add(inputs.opsCost()).add(delta);
        return new WorkloadLcpr(workload, inference, eval, human, inputs.opsCost(), delta, loaded,
                ratio(loaded, accepted), ratio(inference, attempted), attempted, accepted,
                results.getOrDefault(UnitResult.FIRST_ATTEMPT_PASS, 0L), results.getOrDefault(UnitResult.RECOVERED, 0L),
                results.getOrDefault(UnitResult.ESCALATED, 0L), results.getOrDefault(UnitResult.UNRECOVERED, 0L),
                callsByKind, costByTeam);
    }

    /** A human case costs what its escalation says, else the workload's cost per case; a unit is one case. */
    private static BigDecimal humanCost(List<Verdict> verdicts, CostInputs inputs) {
        return verdicts.stream().filter(v -> "escalation".equals(v.kind())).findFirst()
                .map(v -> v.humanCost() != null ? v.humanCost() : inputs.humanCostPerCase())
                .orElse(BigDecimal.ZERO);
    }

    private static BigDecimal ratio(BigDecimal amount, long units) {
        return units == 0 ? null : amount.divide(BigDecimal.valueOf(units), RATIO_SCALE, RoundingMode.HALF_UP);
    }
}
