package io.lcpr.chargeback.report;

import java.time.YearMonth;
import java.util.Optional;

import io.lcpr.chargeback.close.PeriodCloseService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** A team's report for a month, against the month before (each as closed, else as previewed from its newest run). */
@ApplicationScoped
public class ReportService {
    private final PeriodCloseService closes;

    public ReportService(PeriodCloseService closes) {
        this.closes = closes;
    }

    @Transactional
    public MonthlyReport report(String period, String team) {
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
