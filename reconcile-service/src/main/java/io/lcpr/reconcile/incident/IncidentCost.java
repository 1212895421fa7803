package io.lcpr.reconcile.incident;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.lcpr.money.Money;

/**
 * What an incident cost (001 ch 26), from its window and a baseline window before it, over the same workloads:
 * extra inference = inference in the window less the baseline cost per work unit times the window's units; extra human
 * escalation likewise at the baseline's escalation cost per unit; engineering = hours times rate. LCPR here is
 * inference plus human cost per accepted unit, before and during.
 */
public record IncidentCost(BigDecimal baselineCostPerUnit, BigDecimal extraInference, BigDecimal extraHuman,
        BigDecimal engineering, BigDecimal total, BigDecimal lcprBefore, BigDecimal lcprDuring,
        BigDecimal lcprChangePct) {

    /** The sums of a window: trace-derived inference cost, stated human cost, work units, accepted ones, requests. */
    public record Window(BigDecimal inference, BigDecimal human, long units, long accepted, long requests) {
    }

    public static IncidentCost of(Window base, Window during, BigDecimal engineeringHours, BigDecimal rate) {
        BigDecimal perUnit = perUnit(base.inference(), base.units());
        BigDecimal humanPerUnit = perUnit(base.human(), base.units());
        BigDecimal units = BigDecimal.valueOf(during.units());
        BigDecimal extraInference = perUnit == null ? during.inference()
                : during.inference().subtract(perUnit.multiply(units));
        BigDecimal extraHuman = humanPerUnit == null ? during.human()
                : during.human().subtract(humanPerUnit.multiply(units));
        BigDecimal engineering = engineeringHours.multiply(rate);
        BigDecimal before = perUnit(base.inference().add(base.human()), base.accepted());
        BigDecimal after = perUnit(during.inference().add(during.human()), during.accepted());
        BigDecimal change = before == null || after == null || before.signum() == 0 ? null
                : after.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 4, RoundingMode.HALF_UP);
        return new IncidentCost(money(perUnit), Money.of(extraInference), Money.of(extraHuman), Money.of(engineering),
                Money.of(extraInference.add(extraHuman).add(engineering)), money(before), money(after), change);
    }

    private static BigDecimal perUnit(BigDecimal amount, long units) {
        return units == 0 ? null : amount.divide(BigDecimal.valueOf(units), 12, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? null : Money.of(v);
    }
}
