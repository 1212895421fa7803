package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rules behind C_human and C_ops beyond fixed amounts (DESIGN.md section 4): review time at a rate, and a
 * team's ops cost shared by a workload in proportion to its share of the team's calls.
 */
public final class CostRules {
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    private CostRules() {
    }

    /**
     * @param reviewMinutes the review minutes the period's verdicts state for the workload
     * @param teamOpsCost the named team's ops cost in the period (zero when the workload names none)
     * @param workloadTeamCalls the workload's calls made by that team; @param teamCalls every call of the team
     */
    public static CostInputs effective(CostInputs base, BigDecimal reviewRatePerHour, BigDecimal reviewMinutes,
            BigDecimal teamOpsCost, long workloadTeamCalls, long teamCalls) {
        BigDecimal review = reviewMinutes.multiply(reviewRatePerHour).divide(MINUTES_PER_HOUR, 6,
                RoundingMode.HALF_UP);
        BigDecimal ops = teamCalls == 0 ? BigDecimal.ZERO
                : teamOpsCost.multiply(BigDecimal.valueOf(workloadTeamCalls))
                        .divide(BigDecimal.valueOf(teamCalls), 6, RoundingMode.HALF_UP);
        return new CostInputs(base.evalOtherCost(), base.humanCostPerCase(), base.humanReviewCost().add(review),
                base.opsCost().add(ops));
    }
}
