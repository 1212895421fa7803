package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;

/** A call with its trace-derived cost at the snapshot in force when it started. */
public record PricedCall(Call call, BigDecimal cost) {
}
