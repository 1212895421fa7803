package io.lcpr.reconcile.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * An import's lines summed as they are read, per account, period, category, correction, model, tier, token type, UTC
 * day, currency and unit: what a run reads (invoice_line_daily). A sum stays null while every line it adds is null.
 */
final class DailySums {
    record Key(String provider, String billingAccount, String period, ChargeCategory category, boolean correction,
            String model, String serviceTier, String tokenType, LocalDate day, String currency, String unit) {
    }

    static final class Sum {
        BigDecimal billedCost;
        BigDecimal quantity;
        long lines;
    }

    private final Map<Key, Sum> sums = new HashMap<>();

    void add(InvoiceLine l) {
        Sum s = sums.computeIfAbsent(new Key(l.provider(), l.billingAccount(), l.period(), l.category(),
                l.correction(), l.model(), l.serviceTier(), l.tokenType(),
                LocalDate.ofInstant(l.chargeStart(), ZoneOffset.UTC), l.currency(), l.unit()), k -> new Sum());
        s.billedCost = plus(s.billedCost, l.billedCost());
        s.quantity = plus(s.quantity, l.quantity());
        s.lines++;
    }

    Collection<Map.Entry<Key, Sum>> entries() {
        return sums.entrySet();
    }

    private static BigDecimal plus(BigDecimal sum, BigDecimal value) {
        return value == null ? sum : sum == null ? value : sum.add(value);
    }
}
