package io.lcpr.price;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Effective-dated exchange rates into the reporting currency (USD): a rate holds from its UTC day until the next
 * one of the same currency. A price or a bill line in another currency is converted at the rate in force on its day;
 * without one it cannot be converted (and is reported, never counted as if it were USD).
 */
public final class ExchangeRates {
    public static final String REPORTING = "USD";
    public static final ExchangeRates NONE = new ExchangeRates();

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();

    /** @param usdPerUnit how many US dollars one unit of the currency buys from that day on */
    public ExchangeRates add(String currency, LocalDate from, BigDecimal usdPerUnit) {
        if (this == NONE) {
            throw new UnsupportedOperationException("NONE holds no rate");
        }
        byCurrency.computeIfAbsent(currency.toUpperCase(Locale.ROOT), c -> new TreeMap<>()).put(from, usdPerUnit);
        return this;
    }

    /** The factor from the currency to USD on a day: 1 for USD, empty when no rate is in force. */
    public Optional<BigDecimal> toReporting(String currency, LocalDate day) {
        if (currency == null || REPORTING.equalsIgnoreCase(currency)) {
            return Optional.of(BigDecimal.ONE);
        }
        NavigableMap<LocalDate, BigDecimal> rates = byCurrency.get(currency.toUpperCase(Locale.ROOT));
        if (rates == null) {
            return Optional.empty();
        }
        Map.Entry<LocalDate, BigDecimal> e = rates.floorEntry(day);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    public Optional<BigDecimal> toReporting(String currency, Instant at) {
        return toReporting(currency, LocalDate.ofInstant(at, ZoneOffset.UTC));
    }
}
