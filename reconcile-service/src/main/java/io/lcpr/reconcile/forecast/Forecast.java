package io.lcpr.reconcile.forecast;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * A forecast as made and kept: its base month, the actuals it started from, and the result (per workload and
 * component, the range, the assumptions as they stood), so accuracy is judged against what was predicted then.
 */
@io.quarkus.runtime.annotations.RegisterForReflection(targets = { Forecast.class, Actuals.class, Assumption.class,
        ForecastModel.Result.class, ForecastModel.Point.class, ForecastModel.WorkloadForecast.class,
        ForecastModel.End.class, ForecastModel.Push.class })
public record Forecast(UUID id, Instant madeAt, String basePeriod, List<Actuals> base, ForecastModel.Result result) {

    /** Whether a month falls in the horizon: one of the {@code months} after the base month. */
    public boolean covers(String month) {
        YearMonth m = YearMonth.parse(month);
        YearMonth b = YearMonth.parse(basePeriod);
        return m.isAfter(b) && !m.isAfter(b.plusMonths(result.months()));
    }
}
