package io.lcpr.reconcile.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.review.MonthFigures;
import io.lcpr.reconcile.review.ReviewRepository;
import io.lcpr.reconcile.review.TokenProfiles;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Owns the assumption register, the scenarios and the forecasts (DESIGN.md gives them to reconcile-service; the
 * GraphQL API only reads them): forecasts from a reconciled month's actuals, kept when made, judged against the
 * months that follow.
 */
@ApplicationScoped
public class ForecastService {
    private static final Logger LOG = Logger.getLogger(ForecastService.class);
    private final ForecastRepository repository;
    private final ReviewRepository results;
    private final PeriodUsageRepository usage;
    private final PricingCopyService pricing;

    public ForecastService(ForecastRepository repository, ReviewRepository results, PeriodUsageRepository usage,
            PricingCopyService pricing) {
        this.repository = repository;
        this.results = results;
        this.usage = usage;
        this.pricing = pricing;
    }

    @Transactional
    public Assumption putAssumption(String name, Assumption a) {
        Assumption named = new Assumption(name, a.workload(), a.component(), a.value(), a.low(), a.high(),
                a.effectiveShare(), a.basis(), a.source(), a.owner(), a.statedOn());
        List<String> problems = named.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("assumption " + name + ": " + String.join("; ", problems));
        }
        repository.putAssumption(named, Instant.now());
        return named;
    }

    @Transactional
    public List<Assumption> register() {
        return repository.assumptions(null);
    }

    @Transactional
    public ForecastRepository.Scenario putScenario(String name, String description, List<String> assumptions) {
        if (assumptions == null) {
            throw new IllegalArgumentException("assumptions: the names of the register's entries are required");
        }
        List<String> known = repository.assumptions(assumptions).stream().map(Assumption::name).toList();
        List<String> unknown = assumptions.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("assumptions: not in the register: " + unknown);
        }
        ForecastRepository.Scenario s = new ForecastRepository.Scenario(name, description, assumptions);
        repository.putScenario(s, Instant.now());
        return s;
    }

    /** A scenario's forecast from a month's actuals over {@code months}, computed and not kept. */
    @Transactional
    public Forecast preview(String scenario, String basePeriod, int months) {
        return forecast(scenario, basePeriod, months);
    }

    /** A scenario's forecast, kept so the months that follow can be held against it. */
    @Transactional
    public Forecast make(String scenario, String basePeriod, int months) {
        Forecast f = forecast(scenario, basePeriod, months);
        repository.saveForecast(f);
        LOG.infof("forecast %s of scenario %s from %s over %d months: %.2f (%.2f to %.2f)", f.id(), scenario,
                basePeriod, months, f.result().point().horizonCost(), f.result().low().horizonCost(),
                f.result().high().horizonCost());
        return f;
    }

    @Transactional
    public Forecast get(UUID id) {
        return repository.forecast(id).orElseThrow(() -> new NotFoundException("no forecast " + id));
    }

    /** A kept forecast against a month of its horizon that has been reconciled. */
    @Transactional
    public Accuracy accuracy(UUID id, String period) {
        Forecast f = get(id);
        Period.monthFromRequest(period, "a forecast");
        if (!f.covers(period)) {
            throw new IllegalArgumentException("period: " + period + " is outside forecast " + id + "'s horizon ("
                    + f.result().months() + " months after " + f.basePeriod() + ")");
        }
        return Accuracy.of(f, period, actuals(period));
    }

    /** The month against the newest kept forecast that covers it; none when no forecast does. */
    @Transactional
    public java.util.Optional<Accuracy> variance(String period) {
        Period.monthFromRequest(period, "a forecast");
        return repository.newestCovering(period).map(f -> Accuracy.of(f, period, actuals(period)));
    }

    private Forecast forecast(String scenario, String basePeriod, int months) {
        Period.monthFromRequest(basePeriod, "a forecast");
        ForecastRepository.Scenario s = repository.scenario(scenario)
                .orElseThrow(() -> new NotFoundException("no scenario " + scenario));
        List<Actuals> base = actuals(basePeriod);
        if (base.isEmpty()) {
            throw new IllegalArgumentException("base_period: " + basePeriod + " has no reconciled workload:"
                    + " POST /api/reconciliations {\"period\": \"" + basePeriod + "\"} first");
        }
        ForecastModel.Result r = ForecastModel.forecast(scenario, base, repository.assumptions(s.assumptions()),
                months);
        return new Forecast(UUID.randomUUID(), Instant.now(), basePeriod, base, r);
    }

    /** Each reconciled workload's month as actuals (the newest run's figures, the token profile of its calls). */
    List<Actuals> actuals(String month) {
        Period period = Period.parse(month);
        Map<String, LcprComputedV1> byWorkload = results.results(period);
        Map<String, MonthFigures.Tokens> tokens = byWorkload.isEmpty() ? Map.of()
                : TokenProfiles.of(usage, pricing.history(), period);
        List<Actuals> out = new ArrayList<>();
        byWorkload.forEach((w, e) -> {
            if (e.attemptedUnits() > 0) {
                out.add(MonthActuals.of(e, tokens.getOrDefault(w, MonthFigures.Tokens.NONE)));
            }
        });
        return out;
    }
}
