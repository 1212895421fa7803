package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.usage.UsageRepository.Hourly;
import io.lcpr.reconcile.usage.UsageRepository.WeightedCall;

/**
 * The trace-derived cost of a period from its hourly rollups, exactly as pricing every call one by one would give
 * it. A rollup is priced whole at the price in force at its hour when nothing can tell its calls apart: no price
 * starts or ends inside the hour, and its calls all fall on one side of any long-context threshold. Otherwise its
 * calls are read and priced one by one (a few hours a month: price changes are rare, and a threshold lies inside
 * one prompt class of a rollup's key).
 */
final class PeriodCosts {
    private static final Duration HOUR = Duration.ofHours(1);

    private record SliceKey(String provider, String projectId, String workload, String team, String attemptKind,
            boolean sampled) {
    }

    private final PriceHistory prices;
    private final Function<Hourly, List<WeightedCall>> callsOf;
    private final Map<String, Optional<PriceHistory.Quote>> quotes = new HashMap<>();
    private final Map<SliceKey, long[]> calls = new HashMap<>();
    private final Map<SliceKey, BigDecimal> costs = new HashMap<>();
    private final Map<String, Long> unpricedByAccount = new TreeMap<>();
    private long rollups;
    private long pricedOneByOne;

    PeriodCosts(PriceHistory prices, Function<Hourly, List<WeightedCall>> callsOf) {
        this.prices = prices;
        this.callsOf = callsOf;
    }

    void add(Hourly h) {
        rollups++;
        if (prices.changesWithin(h.hour(), h.hour().plus(HOUR))) {
            oneByOne(h);
            return;
        }
        Optional<PriceHistory.Quote> quote = quote(h.provider(), h.model(), h.serviceTier(), h.hour());
        if (quote.isEmpty()) {
            unpricedByAccount.merge(account(h.provider(), h.projectId()), h.calls(), Long::sum);
            return;
        }
        Rates rates = quote.get().rates();
        boolean longFirst = rates.isLongPrompt(h.minInput());
        if (longFirst != rates.isLongPrompt(h.maxInput())) {
            oneByOne(h);
            return;
        }
        BigDecimal cost = rates.cost(new Rates.Usage(h.inputTokens(), h.cacheReadTokens(), h.cacheCreationTokens(),
                h.outputTokens(), h.reasoningApart()), longFirst);
        add(key(h), h.calls(), cost);
    }

    private void oneByOne(Hourly h) {
        for (WeightedCall wc : callsOf.apply(h)) {
            pricedOneByOne++;
            Call c = wc.call();
            Optional<PriceHistory.Quote> quote = prices.quote(c.provider(), c.model(), c.serviceTier(), null,
                    c.startedAt());
            if (quote.isEmpty()) {
                unpricedByAccount.merge(c.account(), (long) wc.weight(), Long::sum);
            } else {
                BigDecimal cost = quote.get().rates().cost(c.usage()).multiply(BigDecimal.valueOf(wc.weight()));
                add(key(h), wc.weight(), cost);
            }
        }
    }

    private void add(SliceKey key, long count, BigDecimal cost) {
        calls.computeIfAbsent(key, k -> new long[1])[0] += count;
        costs.merge(key, cost, BigDecimal::add);
    }

    private Optional<PriceHistory.Quote> quote(String provider, String model, String tier, Instant hour) {
        return quotes.computeIfAbsent(provider + '|' + model + '|' + tier + '|' + hour.getEpochSecond(),
                k -> prices.quote(provider, model, tier, null, hour));
    }

    private static SliceKey key(Hourly h) {
        return new SliceKey(h.provider(), h.projectId().isEmpty() ? null : h.projectId(),
                h.workload().isEmpty() ? Call.UNKNOWN : h.workload(), h.team().isEmpty() ? Call.UNKNOWN : h.team(),
                h.attemptKind(), h.sampled());
    }

    private static String account(String provider, String projectId) {
        return provider + "/" + (projectId.isEmpty() ? "*" : projectId);
    }

    List<CostSlice> slices() {
        List<CostSlice> out = new ArrayList<>(costs.size());
        costs.forEach((k, cost) -> out.add(new CostSlice(k.provider(), k.projectId(), k.workload(), k.team(),
                k.attemptKind(), k.sampled(), calls.get(k)[0], cost)));
        return out;
    }

    Map<String, Long> unpricedByAccount() {
        return unpricedByAccount;
    }

    /** Cost estimated from sampled calls (a weight above one). */
    BigDecimal estimatedFromSamples() {
        return costs.entrySet().stream().filter(e -> e.getKey().sampled()).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long rollups() {
        return rollups;
    }

    long pricedOneByOne() {
        return pricedOneByOne;
    }
}
