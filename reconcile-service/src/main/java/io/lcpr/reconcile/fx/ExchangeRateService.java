package io.lcpr.reconcile.fx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.lcpr.price.ExchangeRates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The exchange rates a run converts bill lines and prices with. */
@ApplicationScoped
public class ExchangeRateService {

    @Transactional
    public ExchangeRateEntity record(String currency, String effectiveFrom, BigDecimal usdPerUnit) {
        if (currency == null || !currency.matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException("currency: '" + currency + "' is not an ISO-4217 code");
        }
        if (usdPerUnit == null || usdPerUnit.signum() <= 0) {
            throw new IllegalArgumentException("usd_per_unit must be above zero, got " + usdPerUnit);
        }
        LocalDate from;
        try {
            from = LocalDate.parse(effectiveFrom);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("effective_from: '" + effectiveFrom + "' is not YYYY-MM-DD");
        }
        ExchangeRateEntity.Key key = new ExchangeRateEntity.Key(currency.toUpperCase(Locale.ROOT), from);
        ExchangeRateEntity e = ExchangeRateEntity.<ExchangeRateEntity> findByIdOptional(key)
                .orElseGet(ExchangeRateEntity::new);
        e.key = key;
        e.usdPerUnit = usdPerUnit;
        e.persist();
        return e;
    }

    @Transactional
    public List<ExchangeRateEntity> list() {
        return ExchangeRateEntity.listAll();
    }

    @Transactional
    public ExchangeRates rates() {
        ExchangeRates rates = new ExchangeRates();
        ExchangeRateEntity.<ExchangeRateEntity> listAll()
                .forEach(r -> rates.add(r.key.currency, r.key.effectiveFrom, r.usdPerUnit));
        return rates;
    }
}
