package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * one prompt class of a rollup's key). An hour a price changes in is read once, whole, after the rollups.
 */
final class PeriodCosts {
    private static final Duration HOUR = Duration.ofHours(1);

    private record SliceKey(String provider, String projectId, String workload, String team, String attemptKind,
            boolean sampled) {
    }

    /** The calls and cost of a slice so far. */
    private static final class Total {
        long calls;
        BigDecimal cost = BigDecimal.ZERO;
    }

    private final PriceHistory prices;
    private final Function<Hourly, List<WeightedCall>> callsOf;
    private final Function<Instant, List<WeightedCall>> callsOfHour;
    private final Map<String, Optional<PriceHistory.Quote>> quotes = new HashMap<>();
    private final Map<SliceKey, Total> totals = new HashMap<>();
    private final Set<Instant> changeHours = new TreeSet<>();
    private final Map<String, Long> unpricedByAccount = new TreeMap<>();
    private long rollups;
    private long pricedOneByOne;

    /**
     * @param callsOf the calls a rollup sums; @param callsOfHour every call of an hour (both read back from the
     *        stored calls)
     */
    PeriodCosts(PriceHistory prices, Function<Hourly, List<WeightedCall>> callsOf,
            Function<Instant, List<WeightedCall>> callsOfHour) {
        this.prices = prices;
        this.callsOf = callsOf;
        this.callsOfHour = callsOfHour;
    }

    void add(Hourly h) {
        rollups++;
        if (prices.changesWithin(h.hour(), h.hour().plus(HOUR))) {
            changeHours.add(h.hour()); // priced by finish(), one read for the whole hour
            return;
        }
        Optional<PriceHistory.Quote> quote = quote(h.provider(), h.model(), h.serviceTier(), h.hour());
        if (quote.isEmpty()) {
            unpricedByAccount.merge(Call.account(h.provider(), h.projectId().isEmpty() ? null : h.projectId()),
                    h.calls(), Long::sum);
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

    /** Prices, call by call, the hours a price changes in; call after the last rollup. */
    void finish() {
        for (Instant hour : changeHours) {
            callsOfHour.apply(hour).forEach(this::price);
        }
        changeHours.clear();
    }

    private void oneByOne(Hourly h) {
        callsOf.apply(h).forEach(this::price);
    }

    private void price(WeightedCall wc) {
        pricedOneByOne++;
        Call c = wc.call();
        Optional<PriceHistory.Quote> quote = prices.quote(c.provider(), c.model(), c.serviceTier(), null,
                c.startedAt());
        if (quote.isEmpty()) {
            unpricedByAccount.merge(c.account(), (long) wc.weight(), Long::sum);
        } else {
            BigDecimal cost = quote.get().rates().cost(c.usage()).multiply(BigDecimal.valueOf(wc.weight()));
            add(new SliceKey(c.provider(), c.projectId(), c.workloadOrUnknown(), c.teamOrUnknown(), c.attemptKind(),
                    wc.weight() > 1), wc.weight(), cost);
        }
    }

    private void add(SliceKey key, long count, BigDecimal cost) {
        Total total = totals.computeIfAbsent(key, k -> new Total());
        total.calls += count;
        total.cost = total.cost.add(cost);
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

    List<CostSlice> slices() {
        List<CostSlice> out = new ArrayList<>(totals.size());
        totals.forEach((k, t) -> out.add(new CostSlice(k.provider(), k.projectId(), k.workload(), k.team(),
                k.attemptKind(), k.sampled(), t.calls, t.cost)));
        return out;
    }

    Map<String, Long> unpricedByAccount() {
        return unpricedByAccount;
    }

    /** Cost estimated from sampled calls (a weight above one). */
    BigDecimal estimatedFromSamples() {
        return totals.entrySet().stream().filter(e -> e.getKey().sampled()).map(e -> e.getValue().cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long rollups() {
        return rollups;
    }

    long pricedOneByOne() {
        return pricedOneByOne;
    }
}
