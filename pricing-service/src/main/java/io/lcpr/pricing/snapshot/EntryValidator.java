package io.lcpr.pricing.snapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.lcpr.events.ServiceTier;
import io.lcpr.price.BillableUnits;

/**
 * Field rules for one entry; every problem is named with its field. Text and prices are checked against the columns
 * they are stored in (a 300-character model or a price of 1e74 failed the whole version with a 500).
 */
public final class EntryValidator {
    /** The price columns are numeric(24, 12). */
    static final int MAX_INTEGER_DIGITS = 12;
    static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "CNY", "SEK");

    private EntryValidator() {
    }

    public static List<String> problems(EntryDraft d) {
        List<String> problems = new ArrayList<>();
        if (blank(d.provider())) {
            problems.add("provider: is required");
        }
        if (blank(d.model())) {
            problems.add("model: is required");
        }
        text(problems, "provider", d.provider(), 64);
        text(problems, "model", d.model(), 255);
        text(problems, "region", d.region(), 64);
        if (d.serviceTier() != null && ServiceTier.fromWire(d.serviceTier()).isEmpty()) {
            problems.add("service_tier: unknown value '" + d.serviceTier() + "' (standard, batch, priority, flex)");
        }
        if (d.effectiveFrom() == null) {
            problems.add("effective_from: is required");
        } else if (d.effectiveTo() != null && !d.effectiveTo().isAfter(d.effectiveFrom())) {
            problems.add("effective_to: " + d.effectiveTo() + " is not after effective_from " + d.effectiveFrom());
        }
        if (d.currency() != null && !CURRENCIES.contains(d.currency().toUpperCase(Locale.ROOT))) {
            problems.add("currency: unknown currency '" + d.currency() + "' (ISO 4217, one of " + CURRENCIES + ")");
        }
        price(problems, "input_per_million", d.inputPerMillion(), true);
        price(problems, "cache_read_per_million", d.cacheReadPerMillion(), false);
        price(problems, "cache_write_per_million", d.cacheWritePerMillion(), false);
        price(problems, "cache_write_1h_per_million", d.cacheWrite1hPerMillion(), false);
        price(problems, "output_per_million", d.outputPerMillion(), true);
        price(problems, "reasoning_per_million", d.reasoningPerMillion(), false);
        if (d.longContextThresholdTokens() != null) {
            if (d.longContextThresholdTokens() <= 0) {
                problems.add("long_context_threshold_tokens: must be positive");
            }
            price(problems, "long_context_input_per_million", d.longContextInputPerMillion(), true);
            price(problems, "long_context_output_per_million", d.longContextOutputPerMillion(), true);
            price(problems, "long_context_cache_read_per_million", d.longContextCacheReadPerMillion(), false);
            price(problems, "long_context_cache_write_per_million", d.longContextCacheWritePerMillion(), false);
        }
        if (d.unitPrices() != null) {
            d.unitPrices().forEach((unit, p) -> {
                if (!BillableUnits.ALL.contains(unit)) {
                    problems.add("unit_prices." + unit + ": unknown unit (one of " + BillableUnits.ALL + ")");
                } else {
                    price(problems, "unit_prices." + unit, p, true);
                }
            });
        }
        return problems;
    }

    /** An amount of money that fits numeric(19, 6): at most 13 digits before the point. */
    public static void amount(List<String> problems, String field, BigDecimal value) {
        if (value != null && value.precision() - value.scale() > 13) {
            problems.add(field + ": " + value.toEngineeringString() + " is beyond any amount (at most 13 digits"
                    + " before the decimal point)");
        }
    }

    private static void price(List<String> problems, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(field + ": is required");
            }
        } else if (value.signum() < 0) {
            problems.add(field + ": must not be negative, got " + value.toPlainString());
        } else if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            problems.add(field + ": " + value.toEngineeringString() + " is beyond any price (at most "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point)");
        }
    }

    /** Text of at most {@code maxLength} characters, without U+0000 (which PostgreSQL text cannot hold). */
    public static void text(List<String> problems, String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            problems.add(field + ": contains a NUL character (U+0000)");
        } else if (value.length() > maxLength) {
            problems.add(field + ": is " + value.length() + " characters long; at most " + maxLength);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
