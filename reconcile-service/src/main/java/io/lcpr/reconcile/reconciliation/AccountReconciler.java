package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.events.ReconciliationCompletedV1.AccountReconciliation;
import io.lcpr.money.Money;
import io.lcpr.money.Split;
import io.lcpr.reconcile.lcpr.PricedCall;

/**
 * Reconciles each provider account on its own: delta = invoice - trace-derived cost, and delta % against the
 * invoice (000's $650 on $14,850 = 4.4%), trusted below the threshold. Each account's delta is allocated to
 * workloads in proportion to their trace-derived cost in that account. A call is matched to the most specific
 * invoice (its own billing account before a provider-wide one).
 */
public final class AccountReconciler {
    public static final BigDecimal TRUST_THRESHOLD_PCT = new BigDecimal("5");
    public static final int MONEY_SCALE = 6;

    public record Result(List<AccountReconciliation> accounts, Map<String, BigDecimal> deltaByWorkload) {
    }

    private AccountReconciler() {
    }

    public static Result reconcile(List<PricedCall> priced, Map<String, Long> unpricedByAccount,
            List<InvoiceTotal> invoices) {
        List<InvoiceTotal> bySpecificity = new ArrayList<>(invoices);
        bySpecificity.sort(Comparator.comparing((InvoiceTotal i) -> "*".equals(i.billingAccount())));
        Map<InvoiceTotal, List<PricedCall>> matched = new LinkedHashMap<>();
        bySpecificity.forEach(i -> matched.put(i, new ArrayList<>()));
        Map<String, BigDecimal> uninvoiced = new TreeMap<>();
        for (PricedCall pc : priced) {
            InvoiceTotal invoice = bySpecificity.stream()
                    .filter(i -> i.covers(pc.call().provider(), pc.call().projectId())).findFirst().orElse(null);
            if (invoice != null) {
                matched.get(invoice).add(pc);
            } else {
                uninvoiced.merge(pc.call().account(), pc.cost(), BigDecimal::add);
            }
        }
        List<AccountReconciliation> accounts = new ArrayList<>();
        Map<String, BigDecimal> deltaByWorkload = new TreeMap<>();
        for (Map.Entry<InvoiceTotal, List<PricedCall>> e : matched.entrySet()) {
            InvoiceTotal invoice = e.getKey();
            Map<String, BigDecimal> costByWorkload = new TreeMap<>();
            e.getValue().forEach(pc -> costByWorkload.merge(pc.call().workloadOrUnknown(), pc.cost(), BigDecimal::add));
            BigDecimal traceCost = costByWorkload.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal delta = invoice.total().subtract(traceCost);
            BigDecimal pct = invoice.total().signum() == 0 ? null
                    : delta.multiply(BigDecimal.valueOf(100)).divide(invoice.total(), 4, RoundingMode.HALF_UP);
            String status = pct != null && pct.abs().compareTo(TRUST_THRESHOLD_PCT) < 0 ? "trusted" : "investigate";
            String key = invoice.provider() + "/" + invoice.billingAccount();
            accounts.add(new AccountReconciliation(invoice.provider(), invoice.billingAccount(), Money.of(traceCost),
                    Money.of(invoice.total()), Money.of(delta), pct, status, unpricedByAccount.getOrDefault(key, 0L)));
            if (!costByWorkload.isEmpty()) {
                Split.proportional(delta, costByWorkload, MONEY_SCALE)
                        .forEach((w, d) -> deltaByWorkload.merge(w, d, BigDecimal::add));
            }
        }
        uninvoiced.forEach((account, cost) -> {
            String[] parts = account.split("/", 2);
            accounts.add(new AccountReconciliation(parts[0], parts[1], Money.of(cost), null, null, null, "no_invoice",
                    unpricedByAccount.getOrDefault(account, 0L)));
        });
        return new Result(accounts, deltaByWorkload);
    }
}
