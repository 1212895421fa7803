package io.lcpr.price;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every price version of every key, and the one rule for "the price of model M, tier T at instant I" used by
 * pricing-service and by every consumer's local copy: resolve the model name (ModelNames), take the entry of the
 * key in force at I (a correction restating an effective_from wins over the entry it corrects), prefer the exact
 * region over the region-less entry, and for the batch tier without a batch price, take the standard price with
 * the batch discount, saying so.
 */
public final class PriceHistory {
    /** The default batch discount when neither the snapshot nor a contract says otherwise: 50% of standard. */
    public static final BigDecimal DEFAULT_BATCH_FACTOR = new BigDecimal("0.5");

    /** One entry of the history: a key, its range, the order of the version that stated it, and its rates. */
    public record Entry(String id, String provider, String model, String serviceTier, String region,
            Instant effectiveFrom, Instant effectiveTo, long versionOrder, String currency, Rates rates) {
        String key() {
            return PriceHistory.key(provider, model, serviceTier, region);
        }

        boolean covers(Instant at) {
            return !effectiveFrom.isAfter(at) && (effectiveTo == null || effectiveTo.isAfter(at));
        }
    }

    /** How a price was found: which entry, under which name, and on what basis for the tier. */
    public record Quote(Entry entry, Rates rates, String resolvedModel, String resolvedBy, String basis) {
    }

    private final Map<String, List<Entry>> byKey = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, BigDecimal> batchFactorByProvider = new HashMap<>();
    private final NavigableSet<Instant> boundaries = new TreeSet<>();

    public PriceHistory add(Entry entry) {
        List<Entry> entries = byKey.computeIfAbsent(entry.key(), k -> new ArrayList<>());
        entries.add(entry);
        boundaries.add(entry.effectiveFrom());
        if (entry.effectiveTo() != null) {
            boundaries.add(entry.effectiveTo());
        }
        entries.sort(Comparator.comparing(Entry::effectiveFrom).thenComparing(Entry::versionOrder));
        return this;
    }

    /** An explicit alias: {@code name} of {@code provider} (or {@code *}) is priced as {@code model}. */
    public PriceHistory alias(String provider, String name, String model) {
        aliases.put(provider + "|" + name, model);
        return this;
    }

    /** A contract's batch discount for a provider, as the factor applied to standard prices (0.5 = half price). */
    public PriceHistory batchFactor(String provider, BigDecimal factor) {
        batchFactorByProvider.put(provider, factor);
        return this;
    }

    public Optional<Quote> quote(String provider, String model, String tier, String region, Instant at) {
        for (ModelNames.Candidate c : ModelNames.candidates(provider, model, aliases)) {
            Optional<Entry> exactTier = inForce(c.provider(), c.model(), tier, region, at);
            if (exactTier.isPresent()) {
                return Optional.of(new Quote(exactTier.get(), exactTier.get().rates(), c.model(), c.rule(), "listed"));
            }
            if ("batch".equals(tier)) {
                Optional<Entry> standard = inForce(c.provider(), c.model(), "standard", region, at);
                if (standard.isPresent()) {
                    BigDecimal contract = batchFactorByProvider.get(c.provider());
                    BigDecimal factor = contract != null ? contract : DEFAULT_BATCH_FACTOR;
                    String basis = contract != null ? "contract_batch_discount" : "default_batch_discount";
                    return Optional.of(new Quote(standard.get(), standard.get().rates().scaled(factor), c.model(),
                            c.rule(), basis));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether some price may change strictly inside (from, to): an entry of any key starts or ends there. Calls
     * summed over such a window cannot share one quote; they are priced one by one.
     */
    public boolean changesWithin(Instant from, Instant to) {
        Instant next = boundaries.higher(from);
        return next != null && next.isBefore(to);
    }

    /** The instants strictly inside (from, to) where {@link #changesWithin} sees a change, in time order. */
    public SortedSet<Instant> changesInside(Instant from, Instant to) {
        return from.isBefore(to) ? boundaries.subSet(from, false, to, false) : new TreeSet<>();
    }

    /** The entry of one key in force at an instant: the newest version's statement of the latest start before it. */
    public Optional<Entry> inForce(String provider, String model, String tier, String region, Instant at) {
        if (region != null && !region.isEmpty()) {
            Optional<Entry> regional = latestCovering(key(provider, model, tier, region), at);
            if (regional.isPresent()) {
                return regional;
            }
        }
        return latestCovering(key(provider, model, tier, ""), at);
    }

    /** The effective history of one key: per start instant, the newest version's entry, in time order. */
    public List<Entry> effective(String provider, String model, String tier, String region) {
        List<Entry> all = byKey.getOrDefault(key(provider, model, tier, region), List.of());
        List<Entry> out = new ArrayList<>();
        for (Entry e : all) {
            if (!out.isEmpty() && out.get(out.size() - 1).effectiveFrom().equals(e.effectiveFrom())) {
                out.set(out.size() - 1, e);
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private Optional<Entry> latestCovering(String key, Instant at) {
        List<Entry> all = byKey.get(key);
        if (all == null) {
            return Optional.empty();
        }
        Entry best = null;
        for (Entry e : all) {
            if (!e.effectiveFrom().isAfter(at)) {
                best = e; // sorted by start, then version: the last one not after `at` wins
            }
        }
        return best != null && best.covers(at) ? Optional.of(best) : Optional.empty();
    }

    static String key(String provider, String model, String tier, String region) {
        return provider + "|" + model + "|" + tier + "|" + (region == null ? "" : region);
    }
}
