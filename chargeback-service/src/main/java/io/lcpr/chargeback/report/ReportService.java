package io.lcpr.chargeback.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

import io.lcpr.chargeback.close.PeriodCloseService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

/** A team's report for a month, against the month before (each as closed, else as previewed from its newest run). */
@ApplicationScoped
public class ReportService {
    private final PeriodCloseService closes;
    private final ForecastClient forecasts;

    public ReportService(PeriodCloseService closes, ForecastClient forecasts) {
        this.closes = closes;
        this.forecasts = forecasts;
    }

    /** The report from the statements (one transaction), then the forecast asked of reconcile outside it. */
    public MonthlyReport report(String period, String team) {
        MonthlyReport r = QuarkusTransaction.requiringNew().call(() -> statements(period, team));
        Map<String, BigDecimal> shares = new java.util.HashMap<>();
        r.lcpr().forEach(l -> shares.put(l.workload(), l.teamShare()));
        return r.withForecast(forecasts.variance(period, shares));
    }

    private MonthlyReport statements(String period, String team) {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("team: is required");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(period);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("period: '" + period + "' is not a month (YYYY-MM)");
        }
        MonthlyReport.TeamMonth now = teamMonth(period, team).orElseThrow(() -> new NotFoundException(
                "no figures for " + team + " in " + period + ": no complete run of the month, or the team has none"));
        return MonthlyReport.of(team, now, teamMonth(month.minusMonths(1).toString(), team).orElse(null));
    }

    private Optional<MonthlyReport.TeamMonth> teamMonth(String period, String team) {
        return closes.statements(period).flatMap(m -> m.statements().stream()
                .filter(s -> s.event().team().equals(team)).findFirst()
                .map(s -> new MonthlyReport.TeamMonth(period, m.version(), s)));
    }

}
