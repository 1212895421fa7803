package io.lcpr.reconcile.baseline;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A change declared before it happens: the workload, what changes ({@link #KINDS}), a description, when it takes
 * effect, and for the baseline captured before it the route, the versions in force and its window ({@code hours},
 * default 168).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChangeRequest(String workload, String kind, String description, Instant effectiveAt, String route,
        Integer hours, String modelVersion, String promptVersion, String evalSuiteVersion) {
    /** What a declared change may change. */
    public static final List<String> KINDS = List.of("model", "prompt", "route", "eval_suite", "config");
}
