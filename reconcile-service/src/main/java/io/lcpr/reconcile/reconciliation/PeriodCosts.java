package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.lcpr.price.ContractTerms;
import io.lcpr.price.ExchangeRates;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.usage.FoldKeys;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.usage.PeriodUsageRepository.Rollup;
import io.lcpr.reconcile.usage.PeriodUsageRepository.UnitCount;
import io.lcpr.reconcile.usage.PeriodUsageRepository.UnitRollup;
import io.lcpr.reconcile.usage.PeriodUsageRepository.WeightedCall;

/**
 * The trace-derived cost of a period from its rollups, exactly as pricing every call one by one would give it. The
 * formula is linear, so a rollup priced whole at one price gives the sum of its calls' costs whenever nothing can
 * tell its calls apart: no price starts or ends inside its span, and its calls all fall on one side of any
 * long-context threshold. Rollups are read a day at a time; a day where either fails is read again by the hour; an
 * hour a price changes in is summed again per key between its changes (a segment is priced whole at the price in
 * force at its start), and a rollup a threshold splits is read call by call. A contract discount's
 * start or end counts as a price change; the contract rate is the list price times the discount's factor for the
 * account, model as priced and tier (linear again, so a rollup takes one factor). Price changes are rare and a
 * threshold lies inside one prompt class of a rollup's key, so a month reads about one row per day and key.
 */
final class PeriodCosts {
    private record SliceKey(String provider, String projectId, String workload, String team, String attemptKind,
            boolean sampled) {
    }

    /** A rollup's key without its span. */
    private record RollupKey(String provider, String projectId, String model, String serviceTier, String workload,
            String team, String attemptKind, int promptClass, boolean sampled) {
        static RollupKey of(Rollup r) {
            return new RollupKey(r.provider(), r.projectId(), r.model(), r.serviceTier(), r.workload(), r.team(),
                    r.attemptKind(), r.promptClass(), r.sampled());
        }

        /** The key of the rollup a stored call is summed in (absent parts as the store keeps them: empty). */
        static RollupKey of(WeightedCall wc) {
            Call c = wc.call();
            return new RollupKey(c.provider(), orEmpty(c.projectId()), c.model(), c.serviceTier(),
                    orEmpty(c.workload()), orEmpty(c.team()), c.attemptKind(),
                    FoldKeys.promptClass(c.inputTokens()), wc.weight() > 1);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    /** Where an account's trace-derived cost is compared with its bill: the model as priced, tier and UTC day. */
    record ModelDayKey(String provider, String projectId, String model, String serviceTier, Instant day) {
    }

    /** A non-token unit's weighted count and cost in a model, tier and day (cost at the contract rate). */
    static final class UnitSum {
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
    }

    /**
     * The calls, tokens by class and cost of a model, tier and day so far (weighted, priced calls only); the cost
     * includes the non-token charges, which {@code units} also holds apart.
     */
    static final class ModelDay {
        final Map<String, UnitSum> units = new TreeMap<>();
        long calls;
        long uncachedTokens;
        long cacheReadTokens;
        long cacheWriteTokens;
        long outputTokens;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal listCost = BigDecimal.ZERO;
    }

    /** The calls and cost of a slice so far. */
    private static final class Total {
        long calls;
        long tokens;
        BigDecimal cost = BigDecimal.ZERO;
    }

    /** What a period's pricing reads back from the usage store, each a finer grain than the one before. */
    interface Source {
        /** The day's rollups by the hour. */
        void hourlyOf(Instant day, Consumer<Rollup> sink);

        /** The calls a rollup of an hour or less sums. */
        List<WeightedCall> callsOf(Rollup hourly);

        /**
         * An hour's calls summed per key between its start, each instant of {@code cuts} (inside the hour, in time
         * order) and its end: a rollup per key and segment.
         */
        void segmentsOf(Instant hour, SortedSet<Instant> cuts, Consumer<Rollup> sink);

        /** The day's calls with a long prompt (a prompt class above 0). */
        List<WeightedCall> longPromptCallsOf(Instant day);

        /** The non-token sums of a range by the hour. */
        void unitHourlyOf(Instant from, Instant to, Consumer<UnitRollup> sink);

        /** The non-token counts of an hour's calls. */
        List<UnitCount> unitCountsOfHour(Instant hour);

        /**
         * One API key's usage: its hourly rollups (KeyUsageRepository), and, where an hour is read finer, its calls
         * only.
         */
        static Source ofApiKey(PeriodUsageRepository usage, io.lcpr.reconcile.signal.KeyUsageRepository keys,
                String apiKey) {
            return new Source() {
                @Override
                public void hourlyOf(Instant day, Consumer<Rollup> sink) {
                    keys.hourly(apiKey, day, day.plus(Duration.ofDays(1)), sink);
                }

                @Override
                public List<WeightedCall> callsOf(Rollup hourly) {
                    return usage.callsOfKey(apiKey, hourly);
                }

                @Override
                public void segmentsOf(Instant hour, SortedSet<Instant> cuts, Consumer<Rollup> sink) {
                    usage.streamSegments(hour, cuts, apiKey, sink);
                }

                @Override
                public List<WeightedCall> longPromptCallsOf(Instant day) {
                    return usage.longPromptCallsOfKey(apiKey, day, day.plus(Duration.ofDays(1)));
                }

                @Override
                public void unitHourlyOf(Instant from, Instant to, Consumer<UnitRollup> sink) {
                    usage.streamUnitHourlyOfKey(apiKey, from, to, sink);
                }

                @Override
                public List<UnitCount> unitCountsOfHour(Instant hour) {
                    return usage.unitCountsOfHour(hour, apiKey);
                }
            };
        }

        static Source of(PeriodUsageRepository usage) {
            return new Source() {
                @Override
                public void hourlyOf(Instant day, Consumer<Rollup> sink) {
                    usage.streamHourly(day, day.plus(Duration.ofDays(1)), sink);
                }

                @Override
                public List<WeightedCall> callsOf(Rollup hourly) {
                    return usage.callsOf(hourly);
                }

                @Override
                public void segmentsOf(Instant hour, SortedSet<Instant> cuts, Consumer<Rollup> sink) {
                    usage.streamSegments(hour, cuts, null, sink);
                }

                @Override
                public List<WeightedCall> longPromptCallsOf(Instant day) {
                    return usage.longPromptCalls(day, day.plus(Duration.ofDays(1)));
                }

                @Override
                public void unitHourlyOf(Instant from, Instant to, Consumer<UnitRollup> sink) {
                    usage.streamUnitHourly(from, to, sink);
                }

                @Override
                public List<UnitCount> unitCountsOfHour(Instant hour) {
                    return usage.unitCountsOfHour(hour);
                }
            };
        }
    }

    private final PriceHistory prices;
    private final ContractTerms terms;
    private final ExchangeRates fx;
    private final Source source;
    private final Map<String, Optional<PriceHistory.Quote>> quotes = new HashMap<>();
    private final Map<SliceKey, Total> totals = new HashMap<>();
    private final Map<ModelDayKey, ModelDay> byModelDay = new HashMap<>();
    /** Days to read again by the hour, with the keys to read (none: every key, the day holds a price change). */
    private final Map<Instant, Set<RollupKey>> splitDays = new TreeMap<>();
    private final Set<Instant> changeHours = new TreeSet<>();
    /** Days whose long-prompt rollups of these keys a threshold split: their long calls are priced one by one. */
    private final Map<Instant, Set<RollupKey>> longSplits = new TreeMap<>();
    private final Map<String, Long> unpricedByAccount = new TreeMap<>();
    /** Non-token counts no price entry prices (the model's entry has no price for the unit), by account and unit. */
    private final Map<String, BigDecimal> unpricedUnits = new TreeMap<>();
    private long rollups;
    private long pricedOneByOne;
    private long hoursSplit;

    PeriodCosts(PriceHistory prices, Source source) {
        this(prices, ContractTerms.NONE, ExchangeRates.NONE, source);
    }

    /**
     * Prices at the contract rate (the list price times the contract's factor for the call's account, model and
     * tier), in USD: a price entry in another currency at the exchange rate of the rollup's (or call's) UTC day; a
     * day without a rate for it leaves the calls unpriced.
     */
    PeriodCosts(PriceHistory prices, ContractTerms terms, ExchangeRates fx, Source source) {
        this.prices = prices;
        this.terms = terms;
        this.fx = fx;
        this.source = source;
    }

    /** Prices a day's or an hour's rollup whole, or sets it apart for a finer read by {@link #finish()}. */
    void add(Rollup r) {
        rollups++;
        boolean daily = r.span().compareTo(Duration.ofHours(1)) > 0;
        Instant end = r.start().plus(r.span());
        if (prices.changesWithin(r.start(), end) || terms.changesWithin(r.start(), end)) {
            if (daily) { // every key of the day: a price change splits them all
                splitDays.put(r.start(), Set.of());
            } else {
                changeHours.add(r.start()); // one read for the whole hour
            }
            return;
        }
        Optional<PriceHistory.Quote> quote = quote(r.provider(), r.model(), r.serviceTier(), r.start());
        Optional<BigDecimal> toUsd = quote.flatMap(q -> fx.toReporting(q.entry().currency(), r.start()));
        if (toUsd.isEmpty()) {
            unpricedByAccount.merge(Call.account(r.provider(), r.projectId().isEmpty() ? null : r.projectId()),
                    r.calls(), Long::sum);
            return;
        }
        Rates rates = quote.get().rates();
        boolean longFirst = rates.isLongPrompt(r.minInput());
        if (longFirst != rates.isLongPrompt(r.maxInput())) {
            if (daily && r.promptClass() > 0) { // this key's long calls only, read with the day's other long calls
                longSplits.computeIfAbsent(r.start(), d -> new HashSet<>()).add(RollupKey.of(r));
            } else if (daily) { // this key only: the day's other keys were priced whole
                splitDays.computeIfAbsent(r.start(), d -> new HashSet<>()).add(RollupKey.of(r));
            } else {
                source.callsOf(r).forEach(this::price);
            }
            return;
        }
        BigDecimal list = rates.cost(new Rates.Usage(r.inputTokens(), r.cacheReadTokens(), r.cacheCreationTokens(),
                r.outputTokens(), r.reasoningApart()), longFirst).multiply(toUsd.get());
        String project = r.projectId().isEmpty() ? null : r.projectId();
        String model = quote.get().resolvedModel();
        BigDecimal cost = list.multiply(terms.factor(r.provider(), project, model, r.serviceTier(), r.start()));
        add(key(r), r.calls(), r.inputTokens() + r.outputTokens(), cost);
        addModelDay(new ModelDayKey(r.provider(), project, model, r.serviceTier(), day(r.start())), r.calls(),
                r.inputTokens() - r.cacheReadTokens() - r.cacheCreationTokens(), r.cacheReadTokens(),
                r.cacheCreationTokens(), r.outputTokens(), cost, list);
    }

    /**
     * Reads again, finer, what could not be priced whole: the set-apart days by the hour (a day with a price change
     * whole, otherwise only the keys a threshold split: the day's other keys were priced whole), then the long calls
     * of the keys a threshold split in a long prompt class (one read of a day's long calls, through a partial index),
     * then the hours a price changes in, by segment between its changes. Call after the last rollup.
     */
    void finish() {
        splitDays.forEach((day, keys) -> source.hourlyOf(day, h -> {
            if (keys.isEmpty() || keys.contains(RollupKey.of(h))) {
                add(h);
            }
        }));
        splitDays.clear();
        longSplits.forEach((day, keys) -> source.longPromptCallsOf(day).forEach(wc -> {
            if (keys.contains(RollupKey.of(wc))) {
                price(wc);
            }
        }));
        longSplits.clear();
        List<Instant> hours = List.copyOf(changeHours);
        changeHours.clear();
        for (Instant hour : hours) {
            Instant end = hour.plusSeconds(3600);
            SortedSet<Instant> cuts = new TreeSet<>(prices.changesInside(hour, end));
            cuts.addAll(terms.changesInside(hour, end));
            source.segmentsOf(hour, cuts, this::add); // nothing changes inside a segment: each priced whole
            hoursSplit++;
        }
    }

    /**
     * Prices the non-token counts of [from, to): an hour's sums whole at the unit price in force (a unit price is
     * linear in the count), an hour a price or a contract discount changes in call by call.
     */
    void addUnits(Instant from, Instant to) {
        Set<Instant> hours = new TreeSet<>();
        source.unitHourlyOf(from, to, u -> {
            Instant end = u.hour().plusSeconds(3600);
            if (prices.changesWithin(u.hour(), end) || terms.changesWithin(u.hour(), end)) {
                hours.add(u.hour());
                return;
            }
            String project = u.projectId().isEmpty() ? null : u.projectId();
            priceUnit(u.provider(), project, u.model(), u.serviceTier(), u.hour(), new SliceKey(u.provider(), project,
                    u.workload().isEmpty() ? Call.UNKNOWN : u.workload(), u.team().isEmpty() ? Call.UNKNOWN : u.team(),
                    u.attemptKind(), u.sampled()), u.unit(), u.quantity());
        });
        for (Instant hour : hours) {
            for (UnitCount uc : source.unitCountsOfHour(hour)) {
                Call c = uc.call().call();
                int w = uc.call().weight();
                priceUnit(c.provider(), c.projectId(), c.model(), c.serviceTier(), c.startedAt(),
                        new SliceKey(c.provider(), c.projectId(), c.workloadOrUnknown(), c.teamOrUnknown(),
                                c.attemptKind(), w > 1), uc.unit(), uc.quantity().multiply(BigDecimal.valueOf(w)));
            }
        }
    }

    private void priceUnit(String provider, String project, String model, String tier, Instant at, SliceKey slice,
            String unit, BigDecimal quantity) {
        Optional<PriceHistory.Quote> quote = prices.quote(provider, model, tier, null, at);
        Optional<BigDecimal> toUsd = quote.flatMap(q -> fx.toReporting(q.entry().currency(), at));
        if (toUsd.isEmpty()) {
            unpricedUnits.merge(Call.account(provider, project) + " " + unit, quantity, BigDecimal::add);
            return;
        }
        String priced = quote.get().resolvedModel();
        ModelDay m = byModelDay.computeIfAbsent(new ModelDayKey(provider, project, priced, tier, day(at)),
                k -> new ModelDay());
        UnitSum sum = m.units.computeIfAbsent(unit, u -> new UnitSum());
        sum.quantity = sum.quantity.add(quantity); // counted even unpriced: a bill's line for it is then explained
        BigDecimal list = quote.get().rates().unitCost(unit, quantity);
        if (list == null) {
            unpricedUnits.merge(Call.account(provider, project) + " " + unit, quantity, BigDecimal::add);
            return;
        }
        list = list.multiply(toUsd.get());
        BigDecimal cost = list.multiply(terms.factor(provider, project, priced, tier, at));
        add(slice, 0, 0, cost);
        m.cost = m.cost.add(cost);
        m.listCost = m.listCost.add(list);
        sum.cost = sum.cost.add(cost);
    }

    /** Prices one call whole, its tokens and its non-token counts: what a customer account's calls are read as. */
    void addCall(WeightedCall wc, Map<String, BigDecimal> units) {
        price(wc);
        Call c = wc.call();
        units.forEach((unit, quantity) -> priceUnit(c.provider(), c.projectId(), c.model(), c.serviceTier(),
                c.startedAt(), new SliceKey(c.provider(), c.projectId(), c.workloadOrUnknown(), c.teamOrUnknown(),
                        c.attemptKind(), wc.weight() > 1), unit, quantity.multiply(BigDecimal.valueOf(wc.weight()))));
    }

    /** One call's model as priced, its cost at the contract rate and at list price, in USD. */
    record PricedCall(String model, BigDecimal cost, BigDecimal list) {
    }

    /** A call (times its sampling weight) at the price in force at its start; empty when no price is in force. */
    Optional<PricedCall> priceOf(WeightedCall wc) {
        Call c = wc.call();
        Optional<PriceHistory.Quote> quote = prices.quote(c.provider(), c.model(), c.serviceTier(), null,
                c.startedAt());
        Optional<BigDecimal> toUsd = quote.flatMap(q -> fx.toReporting(q.entry().currency(), c.startedAt()));
        if (toUsd.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal list = quote.get().rates().cost(c.usage()).multiply(BigDecimal.valueOf(wc.weight()))
                .multiply(toUsd.get());
        String model = quote.get().resolvedModel();
        return Optional.of(new PricedCall(model, list.multiply(terms.factor(c.provider(), c.projectId(), model,
                c.serviceTier(), c.startedAt())), list));
    }

    private void price(WeightedCall wc) {
        pricedOneByOne++;
        Call c = wc.call();
        Optional<PricedCall> priced = priceOf(wc);
        if (priced.isEmpty()) {
            unpricedByAccount.merge(c.account(), (long) wc.weight(), Long::sum);
        } else {
            BigDecimal cost = priced.get().cost();
            add(new SliceKey(c.provider(), c.projectId(), c.workloadOrUnknown(), c.teamOrUnknown(), c.attemptKind(),
                    wc.weight() > 1), wc.weight(), wc.weight() * (c.inputTokens() + c.outputTokens()), cost);
            long w = wc.weight();
            addModelDay(new ModelDayKey(c.provider(), c.projectId(), priced.get().model(), c.serviceTier(),
                    day(c.startedAt())), w, w * (c.inputTokens() - c.cacheReadTokens() - c.cacheCreationTokens()),
                    w * c.cacheReadTokens(), w * c.cacheCreationTokens(), w * c.outputTokens(), cost,
                    priced.get().list());
        }
    }

    private void add(SliceKey key, long count, long tokens, BigDecimal cost) {
        Total total = totals.computeIfAbsent(key, k -> new Total());
        total.calls += count;
        total.tokens += tokens;
        total.cost = total.cost.add(cost);
    }

    private void addModelDay(ModelDayKey key, long calls, long uncached, long cacheRead, long cacheWrite, long output,
            BigDecimal cost, BigDecimal listCost) {
        ModelDay m = byModelDay.computeIfAbsent(key, k -> new ModelDay());
        m.calls += calls;
        m.uncachedTokens += uncached;
        m.cacheReadTokens += cacheRead;
        m.cacheWriteTokens += cacheWrite;
        m.outputTokens += output;
        m.cost = m.cost.add(cost);
        m.listCost = m.listCost.add(listCost);
    }

    private static Instant day(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    }

    private Optional<PriceHistory.Quote> quote(String provider, String model, String tier, Instant at) {
        return quotes.computeIfAbsent(provider + '|' + model + '|' + tier + '|' + at.getEpochSecond(),
                k -> prices.quote(provider, model, tier, null, at));
    }

    private static SliceKey key(Rollup r) {
        return new SliceKey(r.provider(), r.projectId().isEmpty() ? null : r.projectId(),
                r.workload().isEmpty() ? Call.UNKNOWN : r.workload(), r.team().isEmpty() ? Call.UNKNOWN : r.team(),
                r.attemptKind(), r.sampled());
    }

    List<CostSlice> slices() {
        List<CostSlice> out = new ArrayList<>(totals.size());
        totals.forEach((k, t) -> out.add(new CostSlice(k.provider(), k.projectId(), k.workload(), k.team(),
                k.attemptKind(), k.sampled(), t.calls, t.tokens, t.cost)));
        return out;
    }

    /** The period's trace-derived cost by account, model as priced, tier and day: what a bill's lines are read against. */
    Map<ModelDayKey, ModelDay> byModelDay() {
        return byModelDay;
    }

    Map<String, Long> unpricedByAccount() {
        return unpricedByAccount;
    }

    /** Non-token counts left unpriced, by {@code account unit}. */
    Map<String, BigDecimal> unpricedUnits() {
        return unpricedUnits;
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

    /** Hours a price or a contract changes in, read in segments between the changes. */
    long hoursSplit() {
        return hoursSplit;
    }
}
