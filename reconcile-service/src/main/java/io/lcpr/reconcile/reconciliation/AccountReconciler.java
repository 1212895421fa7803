package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.lcpr.events.ReconciliationCompletedV1.AccountReconciliation;
import io.lcpr.money.Money;
import io.lcpr.money.Split;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.lcpr.PricedCall;
import io.lcpr.reconcile.reconciliation.PeriodCosts.ModelDay;
import io.lcpr.reconcile.reconciliation.PeriodCosts.ModelDayKey;

/**
 * Reconciles each provider account on its own: delta = invoice - trace-derived cost, and delta % against the
 * invoice (000's $650 on $14,850 = 4.4%), trusted below the threshold; an account whose contract says
 * {@code delta_basis: trace} is judged against the trace-derived cost instead (001's 8.6%). Each account's delta is allocated to
 * workloads in proportion to their trace-derived cost in that account. A call is matched to the most specific
 * invoice (its own billing account before a provider-wide one). An invoice without traced cost keeps its delta:
 * it goes to the unknown bucket.
 */
public final class AccountReconciler {
    public static final BigDecimal TRUST_THRESHOLD_PCT = new BigDecimal("5");
    public static final int MONEY_SCALE = 6;

    public record Result(List<AccountReconciliation> accounts, Map<String, BigDecimal> deltaByWorkload,
            List<ClaimRepository.Settlement> settlements) {
    }

    private AccountReconciler() {
    }

    /** The reference path: every call priced one by one. */
    public static Result reconcile(List<PricedCall> priced, Map<String, Long> unpricedByAccount,
            List<InvoiceTotal> invoices) {
        return reconcileSlices(priced.stream().map(CostSlice::of).toList(), unpricedByAccount, invoices);
    }

    public static Result reconcileSlices(List<CostSlice> slices, Map<String, Long> unpricedByAccount,
            List<InvoiceTotal> invoices) {
        return reconcileSlices(slices, unpricedByAccount, invoices, Map.of(), (p, a, m, t, d) -> Optional.empty(),
                Map.of(), null);
    }

    /**
     * Each account against its invoice, the delta explained in buckets from the bill's lines and the trace-derived
     * cost by model, tier and day.
     */
    static Result reconcileSlices(List<CostSlice> slices, Map<String, Long> unpricedByAccount,
            List<InvoiceTotal> invoices, Map<ModelDayKey, ModelDay> byModelDay, DeltaExplanation.Resolver resolver,
            Map<InvoiceTotal, DeltaExplanation.AccountContext> context, String period) {
        List<ClaimRepository.Settlement> settlements = new ArrayList<>();
        List<InvoiceTotal> bySpecificity = new ArrayList<>(invoices);
        bySpecificity.sort(Comparator.comparing((InvoiceTotal i) -> "*".equals(i.billingAccount())));
        Map<InvoiceTotal, Map<String, BigDecimal>> matched = new LinkedHashMap<>();
        bySpecificity.forEach(i -> matched.put(i, new TreeMap<>()));
        Map<String, BigDecimal> uninvoiced = new TreeMap<>();
        for (CostSlice slice : slices) {
            InvoiceTotal invoice = bySpecificity.stream()
                    .filter(i -> i.covers(slice.provider(), slice.projectId())).findFirst().orElse(null);
            if (invoice != null) {
                matched.get(invoice).merge(slice.workload(), slice.cost(), BigDecimal::add);
            } else {
                uninvoiced.merge(slice.account(), slice.cost(), BigDecimal::add);
            }
        }
        List<AccountReconciliation> accounts = new ArrayList<>();
        Map<String, BigDecimal> deltaByWorkload = new TreeMap<>();
        Map<InvoiceTotal, Map<ModelDayKey, ModelDay>> modelDays = new HashMap<>();
        byModelDay.forEach((k, m) -> bySpecificity.stream().filter(i -> i.covers(k.provider(), k.projectId()))
                .findFirst().ifPresent(i -> modelDays.computeIfAbsent(i, x -> new HashMap<>()).put(k, m)));
        for (Map.Entry<InvoiceTotal, Map<String, BigDecimal>> e : matched.entrySet()) {
            InvoiceTotal invoice = e.getKey();
            Map<String, BigDecimal> costByWorkload = e.getValue();
            BigDecimal traceCost = costByWorkload.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal delta = invoice.total().subtract(traceCost);
            BigDecimal pct = invoice.total().signum() == 0 ? null
                    : delta.multiply(BigDecimal.valueOf(100)).divide(invoice.total(), 4, RoundingMode.HALF_UP);
            String key = invoice.provider() + "/" + invoice.billingAccount();
            BigDecimal pctOfTrace = traceCost.signum() == 0 ? null
                    : delta.multiply(BigDecimal.valueOf(100)).divide(traceCost, 4, RoundingMode.HALF_UP);
            DeltaExplanation.AccountContext accountContext = context.getOrDefault(invoice,
                    DeltaExplanation.AccountContext.NONE);
            BigDecimal judged = accountContext.judgedOnTrace() ? pctOfTrace : pct;
            String status = judged != null && judged.abs().compareTo(TRUST_THRESHOLD_PCT) < 0 ? "trusted"
                    : "investigate";
            DeltaExplanation.Result explained = DeltaExplanation.explain(invoice,
                    modelDays.getOrDefault(invoice, Map.of()), delta, resolver, accountContext, period);
            settlements.addAll(explained.settlements());
            BigDecimal listCost = modelDays.getOrDefault(invoice, Map.of()).values().stream().map(m -> m.listCost)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            accounts.add(new AccountReconciliation(invoice.provider(), invoice.billingAccount(), Money.of(traceCost),
                    Money.of(invoice.total()), Money.of(delta), pct, status, unpricedByAccount.getOrDefault(key, 0L),
                    pctOfTrace, explained.buckets(), explained.unexplained(), explained.weekly(), Money.of(listCost),
                    explained.recoverable()));
            // the vendor's overcharge is claimed back, not loaded onto workloads
            BigDecimal loaded = delta.subtract(explained.recoverable());
            if (costByWorkload.values().stream().anyMatch(c -> c.signum() != 0)) {
                Split.proportional(loaded, costByWorkload, MONEY_SCALE)
                        .forEach((w, d) -> deltaByWorkload.merge(w, d, BigDecimal::add));
            } else {
                // No traced cost to spread it by: the delta stays whole in the unknown bucket (the account is named
                // in its reconciliation line), never dropped.
                deltaByWorkload.merge(Call.UNKNOWN, loaded, BigDecimal::add);
            }
        }
        uninvoiced.forEach((account, cost) -> {
            String[] parts = account.split("/", 2);
            accounts.add(new AccountReconciliation(parts[0], parts[1], Money.of(cost), null, null, null, "no_invoice",
                    unpricedByAccount.getOrDefault(account, 0L), null, null, null, null, null, null));
        });
        return new Result(accounts, deltaByWorkload, settlements);
    }
}
