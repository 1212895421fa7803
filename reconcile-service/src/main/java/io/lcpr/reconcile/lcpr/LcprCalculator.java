package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

    /** From a workload's cost slices and its judged units: what a run reads from the folded data. */
    public static WorkloadLcpr compute(String workload, List<CostSlice> slices, UnitTally units, CostInputs inputs,
            BigDecimal delta) {
        BigDecimal inference = BigDecimal.ZERO;
        BigDecimal graders = BigDecimal.ZERO;
        Map<String, Long> callsByKind = new TreeMap<>();
        Map<String, BigDecimal> costByTeam = new TreeMap<>();
        Map<String, Long> callsByTeam = new TreeMap<>();
        Map<String, Long> tokensByTeam = new TreeMap<>();
        // the teams' usage is their own calls': a grader's cost follows the outputs it graded (whose teams called the
        // workload), unless the workload is made of graders only (an eval run: its own team's)
        boolean gradersOnly = slices.stream().allMatch(CostSlice::isGrader);
        for (CostSlice s : slices) {
            callsByKind.merge(s.attemptKind(), s.calls(), Long::sum);
            if (gradersOnly || !s.isGrader()) {
                costByTeam.merge(s.team(), s.cost(), BigDecimal::add);
                callsByTeam.merge(s.team(), s.calls(), Long::sum);
                tokensByTeam.merge(s.team(), s.tokens(), Long::sum);
            }
            if (s.isGrader()) {
                graders = graders.add(s.cost());
            } else {
                inference = inference.add(s.cost());
            }
        }
        BigDecimal human = inputs.humanReviewCost().add(units.humanCaseCost());
        long attempted = units.attempted();
        long accepted = units.accepted();
        BigDecimal eval = graders.add(inputs.evalOtherCost());
        BigDecimal loaded = inference.add(eval).add(human).add(inputs.opsCost()).add(delta);
        return new WorkloadLcpr(workload, inference, eval, human, inputs.opsCost(), delta, loaded,
                ratio(loaded, accepted), ratio(inference, attempted), attempted, accepted,
                units.count(UnitResult.FIRST_ATTEMPT_PASS), units.count(UnitResult.RECOVERED),
                units.count(UnitResult.ESCALATED), units.count(UnitResult.UNRECOVERED), callsByKind, costByTeam, callsByTeam,
                tokensByTeam);
    }

    /** The reference path: every call of the workload priced one by one and every unit judged from its calls. */
    public static WorkloadLcpr compute(String workload, List<PricedCall> calls, Map<String, List<Verdict>> verdictsByUnit,
            AcceptancePolicy policy, CostInputs inputs, BigDecimal delta) {
        UnitTally units = UnitTally.of(calls.stream().map(PricedCall::call).toList(), verdictsByUnit, policy, inputs);
        return compute(workload, calls.stream().map(CostSlice::of).toList(), units, inputs, delta);
    }

    private static BigDecimal ratio(BigDecimal amount, long units) {
        return units == 0 ? null : amount.divide(BigDecimal.valueOf(units), RATIO_SCALE, RoundingMode.HALF_UP);
    }
}
