package io.lcpr.pricing.snapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.lcpr.events.ServiceTier;

/** Refuses a price version that cannot be right, naming every field at fault. */
public final class SnapshotValidator {
    static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "CNY", "SEK");

    public List<String> problems(SnapshotRequest r) {
        List<String> problems = new ArrayList<>();
        if (r.provider() == null || r.provider().isBlank()) {
            problems.add("provider: is required");
        }
        if (r.model() == null || r.model().isBlank()) {
            problems.add("model: is required");
        }
        if (r.serviceTier() != null && ServiceTier.fromWire(r.serviceTier()).isEmpty()) {
            problems.add("service_tier: unknown value '" + r.serviceTier() + "' (standard, batch, priority, flex)");
        }
        if (r.effectiveFrom() == null) {
            problems.add("effective_from: is required");
        }
        if (r.currency() != null && !CURRENCIES.contains(r.currency().toUpperCase(Locale.ROOT))) {
            problems.add("currency: unknown currency '" + r.currency() + "' (ISO 4217, one of " + CURRENCIES + ")");
        }
        price(problems, "input_per_million", r.inputPerMillion(), true);
        price(problems, "cache_read_per_million", r.cacheReadPerMillion(), false);
        price(problems, "cache_write_per_million", r.cacheWritePerMillion(), false);
        price(problems, "output_per_million", r.outputPerMillion(), true);
        return problems;
    }

    private static void price(List<String> problems, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(field + ": is required");
            }
        } else if (value.signum() < 0) {
            problems.add(field + ": must not be negative, got " + value.toPlainString());
        }
    }
}
