package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lcpr.price.ContractTerms;
import io.lcpr.price.ExchangeRates;
import io.lcpr.price.PriceHistory;
import io.lcpr.reconcile.fx.ExchangeRateService;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The trace-derived cost of whole hours [from, to), at the contract rates in force, per provider, project, workload,
 * team and attempt kind (tokens and non-token charges): a run's pricing over part of a period, for budgets, alerts,
 * incidents and baselines. A {@link Pass} reads the price copies once and each range once, however many rules,
 * budgets or windows ask for it.
 */
@ApplicationScoped
public class SpendToDate {
    private final PricingCopyService pricing;
    private final PeriodUsageRepository usage;
    private final ExchangeRateService exchangeRates;

    private final io.lcpr.reconcile.signal.KeyUsageRepository keys;

    public SpendToDate(PricingCopyService pricing, PeriodUsageRepository usage, ExchangeRateService exchangeRates,
            io.lcpr.reconcile.signal.KeyUsageRepository keys) {
        this.keys = keys;
        this.pricing = pricing;
        this.usage = usage;
        this.exchangeRates = exchangeRates;
    }

    /**
     * Prices and ranges read once: use within one transaction. The price copies are read when a range is first
     * priced, so a pass that prices nothing (an alert pass with no cost rule) reads none.
     */
    public final class Pass {
        private PriceHistory prices;
        private ContractTerms terms;
        private ExchangeRates fx;
        private final Map<List<Instant>, List<CostSlice>> ranges = new HashMap<>();

        private Pass() {
        }

        public List<CostSlice> slices(Instant from, Instant to) {
            if (prices == null) {
                prices = pricing.history();
                terms = pricing.contractTerms();
                fx = exchangeRates.rates();
            }
            return ranges.computeIfAbsent(List.of(from, to), r -> {
                PeriodCosts costs = new PeriodCosts(prices, terms, fx, PeriodCosts.Source.of(usage));
                usage.streamHourly(from, to, costs::add);
                costs.finish();
                costs.addUnits(from, to);
                return costs.slices();
            });
        }

        /** One API key's priced cost over [from, to): tokens at the contract rates in force and non-token charges. */
        public BigDecimal costOfKey(String apiKey, Instant from, Instant to) {
            if (prices == null) {
                prices = pricing.history();
                terms = pricing.contractTerms();
                fx = exchangeRates.rates();
            }
            PeriodCosts costs = new PeriodCosts(prices, terms, fx, PeriodCosts.Source.ofApiKey(usage, keys, apiKey));
            keys.hourly(apiKey, from, to, costs::add);
            costs.finish();
            costs.addUnits(from, to);
            return costs.slices().stream().map(CostSlice::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** The inference cost of some workloads over [from, to): their calls other than graders'. */
        public BigDecimal inference(Instant from, Instant to, Collection<String> workloads) {
            return slices(from, to).stream().filter(s -> workloads.contains(s.workload()) && !s.isGrader())
                    .map(CostSlice::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    @Transactional
    public Pass pass() {
        return new Pass();
    }
}
