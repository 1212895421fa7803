package io.lcpr.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A workload on a route over a window (001 ch 23's baseline): LCPR (inference plus human escalation cost per accepted
 * unit) and its components per accepted unit, quality pass rate, escalation rate, volume, cache hit rate, error rate,
 * latency and output-length percentiles, the traffic shape (calls per hour: mean and peak hour), and the versions in
 * force as the capture states them.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record WorkloadSnapshot(String workload, String route, Instant from, Instant to, String modelVersion,
        String promptVersion, String evalSuiteVersion, long units, long accepted, long calls, BigDecimal lcpr,
        BigDecimal inferencePerAccepted, BigDecimal humanPerAccepted, double passRate, double escalationRate,
        double cacheHitRate, double errorRate, long ttftP50Ms, long ttftP95Ms, long ttftP99Ms, long e2eP50Ms,
        long e2eP95Ms, long e2eP99Ms, long outputLengthP95, double callsPerHour, long peakHourCalls) {
}
