package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.events.ReconciliationCompletedV1;

@Description("Trace-derived cost against the invoice, per provider account, for the newest run of a period")
public record Reconciliation(String period, String runId, List<Account> accounts) {

    @Description("One provider account: status is trusted (|delta| < 5% of invoice), investigate, or no_invoice")
    public record Account(String provider, String billingAccount, BigDecimal traceDerivedCost,
            BigDecimal invoiceTotal, BigDecimal delta, BigDecimal deltaPct, String status, long unpricedCalls) {
    }

    static Reconciliation of(ReconciliationCompletedV1 e) {
        return new Reconciliation(e.period(), e.runId().toString(), e.accounts().stream()
                .map(a -> new Account(a.provider(), a.billingAccount(), a.traceDerivedCost(), a.invoiceTotal(),
                        a.delta(), a.deltaPct(), a.status(), a.unpricedCalls()))
                .toList());
    }
}
