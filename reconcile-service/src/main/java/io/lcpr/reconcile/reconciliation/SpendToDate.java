package io.lcpr.reconcile.reconciliation;

import java.time.Instant;
import java.util.List;

import io.lcpr.reconcile.fx.ExchangeRateService;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.UsageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The trace-derived cost of whole hours [from, to), at the contract rates in force, per provider, project, workload,
 * team and attempt kind (tokens and non-token charges): a run's pricing over part of a period, for budgets.
 */
@ApplicationScoped
public class SpendToDate {
    private final PricingCopyService pricing;
    private final UsageRepository usage;
    private final ExchangeRateService exchangeRates;

    public SpendToDate(PricingCopyService pricing, UsageRepository usage, ExchangeRateService exchangeRates) {
        this.pricing = pricing;
        this.usage = usage;
        this.exchangeRates = exchangeRates;
    }

    @Transactional
    public List<CostSlice> slices(Instant from, Instant to) {
        PeriodCosts costs = new PeriodCosts(pricing.history(), pricing.contractTerms(), exchangeRates.rates(),
                PeriodCosts.Source.of(usage));
        usage.streamHourly(from, to, costs::add);
        costs.finish();
        costs.addUnits(from, to);
        return costs.slices();
    }
}
