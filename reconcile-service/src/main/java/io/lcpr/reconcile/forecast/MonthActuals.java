package io.lcpr.reconcile.forecast;

import java.math.BigDecimal;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.reconcile.review.MonthFigures;

/**
 * A reconciled month of a workload as a forecast's actuals: per request (attempted unit) inference with the
 * unreconciled delta, eval and human cost; ops a month; the token profile's input per request, cache hit rate, and
 * the cache discount per input token at the actual cost terms (list discount times actual over list cost).
 */
final class MonthActuals {
    private MonthActuals() {
    }

    static Actuals of(LcprComputedV1 e, MonthFigures.Tokens t) {
        double requests = e.attemptedUnits();
        double terms = t.listCost() > 0 ? value(e.inferenceCost()) / t.listCost() : 1;
        return new Actuals(e.workload(), requests, e.acceptedUnits() / requests,
                (value(e.inferenceCost()) + value(e.delta())) / requests, value(e.evalCost()) / requests,
                value(e.humanCost()) / requests, value(e.opsCost()), t.input() / requests, t.cacheHitRate(),
                t.cacheDiscountPerToken() * terms);
    }

    private static double value(BigDecimal b) {
        return b == null ? 0 : b.doubleValue();
    }
}
