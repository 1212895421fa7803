package io.lcpr.reconcile.pricing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.lcpr.reconcile.lcpr.Call;

/**
 * The price history of every key (provider, model, tier): a call is priced at the version in force at its
 * {@code startedAt}, so a month with a price change is split at the effective instant. A tier with no price of
 * its own falls back to the standard tier.
 */
public final class PriceBook {
    private final Map<String, TreeMap<Instant, Price>> versions = new HashMap<>();

    public PriceBook add(String provider, String model, String tier, Instant effectiveFrom, Price price) {
        versions.computeIfAbsent(key(provider, model, tier), k -> new TreeMap<>()).put(effectiveFrom, price);
        return this;
    }

    public Optional<Price> priceFor(Call call) {
        Optional<Price> exact = at(key(call.provider(), call.model(), call.serviceTier()), call.startedAt());
        return exact.isPresent() ? exact : at(key(call.provider(), call.model(), "standard"), call.startedAt());
    }

    private Optional<Price> at(String key, Instant instant) {
        TreeMap<Instant, Price> history = versions.get(key);
        if (history == null) {
            return Optional.empty();
        }
        Map.Entry<Instant, Price> entry = history.floorEntry(instant);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    private static String key(String provider, String model, String tier) {
        return provider + "|" + model + "|" + tier;
    }
}
