package io.lcpr.reconcile.baseline;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A capture: the workload, the route it is on (a label: a model, a provider, a deployment), the window (the
 * {@code hours}, default 168, up to {@code to}, default the hour of the latest call stored) and the versions in force.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BaselineRequest(String name, String workload, String route, Instant to, Integer hours,
        String modelVersion, String promptVersion, String evalSuiteVersion) {
}
