package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.price.ExchangeRates;
import io.lcpr.reconcile.invoice.ChargeCategory;
import io.lcpr.reconcile.invoice.InvoiceRepository.LineSum;

/**
 * An invoice as reconciliation reads it: provider, billing account ({@code *} = all), the total compared with the
 * traces (usage, credits, adjustments), and its current lines summed by model, tier, token type and day.
 */
public record InvoiceTotal(String provider, String billingAccount, BigDecimal total, List<LineSum> lines) {

    public InvoiceTotal(String provider, String billingAccount, BigDecimal total) {
        this(provider, billingAccount, total, List.of());
    }

    boolean covers(String callProvider, String projectId) {
        return provider.equals(callProvider) && ("*".equals(billingAccount) || billingAccount.equals(projectId));
    }

    /**
     * The period's bills, one per provider and account with a charge line, from their current lines. A line in
     * another currency is converted at the rate in force on its day; one without a rate stays in its currency and
     * out of the total (reported with the lines).
     */
    static List<InvoiceTotal> of(List<LineSum> lines, ExchangeRates fx) {
        Map<String, List<LineSum>> byAccount = new TreeMap<>();
        lines.stream().map(l -> inReporting(l, fx)).forEach(l -> byAccount.computeIfAbsent(l.provider() + "\u0000" + l.billingAccount(),
                k -> new ArrayList<>()).add(l));
        // usage exports alone (counts, no money) are not a bill: they explain one
        return byAccount.values().stream()
                .filter(ls -> ls.stream().anyMatch(l -> l.category() != ChargeCategory.REPORTED_USAGE)).map(ls -> new InvoiceTotal(ls.get(0).provider(), ls.get(0).billingAccount(),
                ls.stream().filter(l -> l.category().inDelta() && l.billedCost() != null
                        && ExchangeRates.REPORTING.equals(l.currency()))
                        .map(LineSum::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add),
                List.copyOf(ls))).toList();
    }

    private static LineSum inReporting(LineSum l, ExchangeRates fx) {
        if (l.billedCost() == null || ExchangeRates.REPORTING.equals(l.currency()) || l.day() == null) {
            return l;
        }
        return fx.toReporting(l.currency(), l.day()).map(rate -> new LineSum(l.provider(), l.billingAccount(),
                l.category(), l.model(), l.serviceTier(), l.tokenType(), l.day(), ExchangeRates.REPORTING,
                l.billedCost().multiply(rate), l.quantity(), l.unit(), l.lines())).orElse(l);
    }
}
