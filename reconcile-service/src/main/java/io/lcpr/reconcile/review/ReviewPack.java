package io.lcpr.reconcile.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The monthly inference review pack of 001 ch 26: LCPR by workload with its computed primary driver, quality, cost
 * composition and its month-over-month waterfall, capacity, incidents, and two or three recommendations with their
 * expected monthly impact and owner, beside last month's actions and their completion. {@code preview}: the month
 * has not ended before its newest run, so its figures will still move.
 */
public record ReviewPack(String period, String lastPeriod, boolean preview, Instant runAt, List<LcprDrivers> lcpr,
        List<Quality> quality, List<Composition> costs, List<Step> waterfall, String waterfallDriver,
        List<Dedicated> dedicated, List<Serverless> serverless, Incidents incidents,
        List<ReviewRepository.Action> recommendations, List<ReviewRepository.Action> lastActions,
        BigDecimal lastActionsCompleted) {

    /** Eval pass rate (accepted over attempted) now, by month over recent months, and the commonest failures. */
    public record Quality(String workload, Double passRate, Map<String, Double> trend,
            Map<String, Long> failureReasons) {
    }

    /** A workload's cost by component (inference, cache, eval, human, ops) this month and last. */
    public record Composition(String workload, Map<String, BigDecimal> now, Map<String, BigDecimal> then) {
    }

    /** A waterfall bar: a total (last month, this month) or one component's change. */
    public record Step(String label, BigDecimal value, boolean total) {
    }

    /**
     * A dedicated endpoint: its tokens, mean and peak hour; with its capacity recorded (tokens an hour at its SLO),
     * mean and peak utilization and the headroom above the peak; without, the load factor (mean over peak hour).
     */
    public record Dedicated(String endpoint, long tokens, long meanHourTokens, long peakHourTokens,
            Long capacityTokensPerHour, Double utilization, Double peakUtilization, Double headroom,
            Double loadFactor) {
    }

    /**
     * A serverless model: calls this month and last and the change; the busiest five minutes as requests a minute
     * and the busiest hour as tokens a minute, against the rate limits when recorded (proximity: peak over limit).
     */
    public record Serverless(String provider, String model, long calls, long lastCalls, Double callsChangePct,
            double peakRequestsPerMinute, double peakTokensPerMinute, Long requestsPerMinuteLimit,
            Long tokensPerMinuteLimit, Double requestLimitProximity, Double tokenLimitProximity) {
    }

    /** The month's incidents: how many, their total cost, how many per root-cause category, and each one. */
    public record Incidents(int count, BigDecimal totalCost, Map<String, Long> byCategory, List<Incident> list) {
    }

    public record Incident(String name, String category, String status, BigDecimal totalCost, long requestsAffected,
            Long minutesToDetect, String preventiveActions) {
    }
}
