package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.events.ReconciliationCompletedV1;

@Description("Trace-derived cost against the invoice, per provider account, for the newest run of a period")
public record Reconciliation(String period, String runId, List<Account> accounts) {

    @Description("One provider account: status is trusted (|delta| < 5% of invoice), investigate, or no_invoice")
    public record Account(String provider, String billingAccount, BigDecimal traceDerivedCost,
            BigDecimal invoiceTotal, BigDecimal delta, BigDecimal deltaPct, String status, long unpricedCalls,
            @org.eclipse.microprofile.graphql.Description("The delta split into DESIGN.md's exception buckets, each"
                    + " with the rows that show it") List<ReconciliationCompletedV1.DeltaBucket> buckets,
            @org.eclipse.microprofile.graphql.Description("What no bucket explains") BigDecimal unexplained,
            @org.eclipse.microprofile.graphql.Description("Billed above the contract rate: a claim to recover")
            BigDecimal recoverable, List<ReconciliationCompletedV1.WeekDelta> weekly) {
    }

    static Reconciliation of(ReconciliationCompletedV1 e) {
        return of(e, null, null);
    }

    /** The run's accounts, of one provider and billing account when named. */
    static Reconciliation of(ReconciliationCompletedV1 e, String provider, String account) {
        return new Reconciliation(e.period(), e.runId().toString(), e.accounts().stream()
                .filter(a -> (provider == null || provider.equals(a.provider()))
                        && (account == null || account.equals(a.billingAccount())))
                .map(a -> new Account(a.provider(), a.billingAccount(), a.traceDerivedCost(), a.invoiceTotal(),
                        a.delta(), a.deltaPct(), a.status(), a.unpricedCalls(),
                        a.buckets() == null ? List.of() : a.buckets(), a.unexplained(), a.recoverable(),
                        a.weekly() == null ? List.of() : a.weekly()))
                .toList());
    }
}
