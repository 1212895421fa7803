package io.lcpr.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as published: micro-unit precision (well below a cent), no trailing zeros beyond the cents. */
public final class Money {
    public static final int MICROS = 6;

    private Money() {
    }

    public static BigDecimal of(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal micros = amount.setScale(MICROS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return micros.scale() < 2 ? micros.setScale(2) : micros;
    }
}
