package io.lcpr.reconcile.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.usage.FoldKeys;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.usage.PeriodUsageRepository.Rollup;
import io.lcpr.reconcile.usage.PeriodUsageRepository.WeightedCall;

/**
 * Pricing read a day at a time, then by the hour and call by call where a price change or a long-context threshold
 * splits a rollup, gives every workload and team the cost of pricing each call one by one, and prices each call
 * once (a split key's day read again by the hour must not price the day's other keys twice).
 */
class PeriodCostsTest {
    private static final Instant START = Instant.parse("2030-03-01T00:00:00Z");
    private static final String[] WORKLOADS = { "chat", "extract", "agent" };
    private static final String[] TEAMS = { "t-a", "t-b" };
    private static final String[] MODELS = { "small", "small", "long", "unlisted" };

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5 })
    void dailyHourlyAndOneByOneEqualEveryCallPriced(long seed) {
        Random random = new Random(seed);
        PriceHistory prices = new PriceHistory();
        Instant change = START.plusSeconds(86_400L * random.nextInt(5) + random.nextInt(86_400));
        prices.add(entry("small", START.minusSeconds(86_400), null, 1, "0.40", null));
        prices.add(entry("small", change, null, 2, "0.55", null));
        prices.add(entry("long", START.minusSeconds(86_400), null, 3, "3.00", new Rates.LongContext(200_000,
                new BigDecimal("6.00"), new BigDecimal("0.60"), new BigDecimal("7.50"), new BigDecimal("22.50"))));
        // a threshold no prompt class is split at: its class's rollups straddle it and are read call by call
        prices.add(entry("unlisted", START.minusSeconds(86_400), null, 4, "2.00", new Rates.LongContext(170_000,
                new BigDecimal("4.00"), new BigDecimal("0.40"), new BigDecimal("5.00"), new BigDecimal("15.00"))));

        List<WeightedCall> calls = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            String model = MODELS[random.nextInt(MODELS.length)];
            boolean longModel = !model.equals("small");
            long input = longModel && random.nextInt(5) == 0 ? 150_000 + random.nextInt(110_000)
                    : 100 + random.nextInt(8_000);
            Call c = new Call("r" + i, "u" + i, "first_attempt", WORKLOADS[random.nextInt(WORKLOADS.length)],
                    TEAMS[random.nextInt(TEAMS.length)], "p", "proj", model, "standard",
                    START.plusSeconds(random.nextInt(5 * 86_400)), input, random.nextInt((int) input / 2),
                    random.nextInt(100), random.nextInt(2_000), (long) random.nextInt(300), null, null);
            calls.add(new WeightedCall(c, random.nextInt(10) == 0 ? 1 + random.nextInt(9) : 1));
        }

        Map<String, BigDecimal> expected = new TreeMap<>();
        for (WeightedCall wc : calls) {
            Call c = wc.call();
            BigDecimal cost = prices.quote(c.provider(), c.model(), c.serviceTier(), null, c.startedAt()).orElseThrow()
                    .rates().cost(c.usage()).multiply(BigDecimal.valueOf(wc.weight()));
            expected.merge(c.workload() + "/" + c.team(), cost, BigDecimal::add);
        }

        PeriodCosts costs = new PeriodCosts(prices, new CallsSource(calls));
        rollups(calls, d -> d.truncatedTo(ChronoUnit.DAYS), Duration.ofDays(1)).forEach(costs::add);
        costs.finish();
        Map<String, BigDecimal> actual = new TreeMap<>();
        for (CostSlice s : costs.slices()) {
            actual.merge(s.workload() + "/" + s.team(), s.cost(), BigDecimal::add);
        }
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertEquals(0, v.compareTo(actual.get(k)),
                "seed " + seed + ", " + k + ": expected " + v + ", got " + actual.get(k)));
        assertEquals(true, costs.pricedOneByOne() > 0, "seed " + seed + ": nothing priced call by call");
        assertEquals(1, costs.hoursSplit(), "seed " + seed + ": the change's hour read in segments");
    }

    @ParameterizedTest
    @ValueSource(longs = { 128_000, 200_000, 170_000 })
    void onlyAnUnlistedThresholdSendsADaysLongCallsToBePricedOneByOne(long threshold) {
        PriceHistory prices = new PriceHistory();
        prices.add(entry("long", START.minusSeconds(86_400), null, 1, "3.00", new Rates.LongContext(threshold,
                new BigDecimal("6.00"), null, null, new BigDecimal("22.50"))));
        List<WeightedCall> calls = new ArrayList<>();
        for (long input = threshold - 3; input <= threshold + 3; input++) { // both sides, one day, one key
            calls.add(new WeightedCall(new Call("r" + input, "u" + input, "first_attempt", "chat", "t-a", "p", "proj",
                    "long", "standard", START.plusSeconds(input % 7 * 60), input, 0, 0, 100, 0L, null, null), 1));
        }
        PeriodCosts costs = new PeriodCosts(prices, new CallsSource(calls));
        rollups(calls, d -> d.truncatedTo(ChronoUnit.DAYS), Duration.ofDays(1)).forEach(costs::add);
        costs.finish();

        BigDecimal expected = calls.stream().map(wc -> prices.quote("p", "long", "standard", null, START)
                .orElseThrow().rates().cost(wc.call().usage())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, expected.compareTo(costs.slices().stream().map(CostSlice::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
        // a listed threshold is a prompt class boundary: each side's rollup is priced whole
        assertEquals(threshold == 170_000 ? 7 : 0, costs.pricedOneByOne());
    }

    @Test
    void aThresholdInsideAPriceChangesHourReadsOnlyItsSegmentsCalls() {
        Instant change = START.plusSeconds(1_800);
        PriceHistory prices = new PriceHistory();
        prices.add(entry("unlisted", START.minusSeconds(86_400), null, 1, "2.00", new Rates.LongContext(170_000,
                new BigDecimal("4.00"), null, null, new BigDecimal("15.00"))));
        prices.add(entry("unlisted", change, null, 2, "2.50", new Rates.LongContext(170_000,
                new BigDecimal("5.00"), null, null, new BigDecimal("18.00"))));
        List<WeightedCall> calls = new ArrayList<>();
        for (Instant segment : List.of(START, change)) { // both sides of the threshold in each half of the hour
            for (long input = 169_997; input <= 170_003; input++) {
                calls.add(new WeightedCall(new Call("r" + segment + input, "u" + input, "first_attempt", "chat", "t-a",
                        "p", "proj", "unlisted", "standard", segment.plusSeconds(input % 7 * 60), input, 0, 0, 100,
                        0L, null, null), 1));
            }
        }
        PeriodCosts costs = new PeriodCosts(prices, new CallsSource(calls));
        rollups(calls, d -> d.truncatedTo(ChronoUnit.DAYS), Duration.ofDays(1)).forEach(costs::add);
        costs.finish();

        BigDecimal expected = calls.stream().map(wc -> prices.quote("p", "unlisted", "standard", null,
                wc.call().startedAt()).orElseThrow().rates().cost(wc.call().usage()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, expected.compareTo(costs.slices().stream().map(CostSlice::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add)), "each call once, at the price of its half hour");
        assertEquals(1, costs.hoursSplit());
        assertEquals(calls.size(), costs.pricedOneByOne(), "each segment's calls read once, not the whole hour's");
    }

    /** The calls' rollups over spans of the given start, as the store would sum them. */
    static List<Rollup> rollups(List<WeightedCall> calls, Function<Instant, Instant> spanStart, Duration span) {
        return rollups(calls, spanStart, start -> span);
    }

    /** The same over spans of varying length (an hour's segments between price changes). */
    static List<Rollup> rollups(List<WeightedCall> calls, Function<Instant, Instant> spanStart,
            Function<Instant, Duration> spanOf) {
        Map<List<Object>, long[]> sums = new LinkedHashMap<>();
        for (WeightedCall wc : calls) {
            Call c = wc.call();
            List<Object> key = List.of(spanStart.apply(c.startedAt()), c.provider(), c.projectId(), c.model(),
                    c.serviceTier(), c.workload(), c.team(), c.attemptKind(),
                    FoldKeys.promptClass(c.inputTokens()), wc.weight() > 1);
            long w = wc.weight();
            long[] s = sums.computeIfAbsent(key, k -> new long[] { 0, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0 });
            s[0] += w;
            s[1] += w * c.inputTokens();
            s[2] += w * c.cacheReadTokens();
            s[3] += w * c.cacheCreationTokens();
            s[4] += w * c.outputTokens();
            s[5] += w * Math.min(c.reasoningTokens(), c.outputTokens());
            s[6] = Math.min(s[6], c.inputTokens());
            s[7] = Math.max(s[7], c.inputTokens());
        }
        List<Rollup> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new Rollup((Instant) k.get(0), spanOf.apply((Instant) k.get(0)),
                (String) k.get(1), (String) k.get(2),
                (String) k.get(3), (String) k.get(4), (String) k.get(5), (String) k.get(6), (String) k.get(7),
                (int) k.get(8), (boolean) k.get(9), s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])));
        return out;
    }

    /** The usage store's reads, answered from a list of calls. */
    private record CallsSource(List<WeightedCall> calls) implements PeriodCosts.Source {
        @Override
        public void hourlyOf(Instant day, Consumer<Rollup> sink) {
            rollups(calls.stream().filter(c -> c.call().startedAt().truncatedTo(ChronoUnit.DAYS).equals(day))
                    .toList(), at -> at.truncatedTo(ChronoUnit.HOURS), Duration.ofHours(1)).forEach(sink);
        }

        @Override
        public List<WeightedCall> callsOf(Rollup h) {
            return calls.stream().filter(wc -> {
                Call c = wc.call();
                if (c.startedAt().isBefore(h.start()) || !c.startedAt().isBefore(h.start().plus(h.span()))) {
                    return false;
                }
                return c.model().equals(h.model()) && c.workload().equals(h.workload()) && c.team().equals(h.team())
                        && FoldKeys.promptClass(c.inputTokens()) == h.promptClass()
                        && (wc.weight() > 1) == h.sampled();
            }).toList();
        }

        @Override
        public List<WeightedCall> longPromptCallsOf(Instant day) {
            return calls.stream().filter(c -> c.call().startedAt().truncatedTo(ChronoUnit.DAYS).equals(day)
                    && c.call().inputTokens() >= 32_768).toList();
        }

        @Override
        public void segmentsOf(Instant hour, SortedSet<Instant> cuts, Consumer<Rollup> sink) {
            TreeSet<Instant> bounds = new TreeSet<>(cuts);
            bounds.add(hour);
            bounds.add(hour.plusSeconds(3600));
            rollups(calls.stream().filter(c -> c.call().startedAt().truncatedTo(ChronoUnit.HOURS).equals(hour))
                    .toList(), bounds::floor, start -> Duration.between(start, bounds.higher(start))).forEach(sink);
        }

        @Override
        public void unitHourlyOf(Instant from, Instant to, Consumer<PeriodUsageRepository.UnitRollup> sink) {
            // these calls count tokens only (NonTokenChargesTest prices units through the store)
        }

        @Override
        public List<PeriodUsageRepository.UnitCount> unitCountsOfHour(Instant hour) {
            return List.of();
        }
    }

    private static PriceHistory.Entry entry(String model, Instant from, Instant to, long version, String input,
            Rates.LongContext longContext) {
        BigDecimal in = new BigDecimal(input);
        Rates rates = new Rates(in, in.divide(BigDecimal.TEN), in.multiply(new BigDecimal("1.25")), null,
                in.multiply(BigDecimal.valueOf(4)), null, longContext);
        return new PriceHistory.Entry(model + "-" + version, "p", model, "standard", null, from, to, version, "USD",
                rates);
    }
}
