package io.lcpr.reconcile.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.ReconciliationCompletedV1.AccountReconciliation;
import io.lcpr.reconcile.lcpr.CostSlice;

/** The 5% verdict on the basis the account's contract names. */
class AccountReconcilerTest {
    static final List<CostSlice> TRACED = List.of(
            new CostSlice("p", "acct", "w", "t", "first_attempt", false, 1000, 0, new BigDecimal("100")));

    /** A delta of 5.20 on a trace of 100: 4.94% of the 105.20 invoice, 5.2% of the trace. */
    @Test
    void theVerdictReadsTheDeltaOnTheContractsBasis() {
        InvoiceTotal invoice = new InvoiceTotal("p", "acct", new BigDecimal("105.20"));
        AccountReconciliation onInvoice = reconcile(invoice, ProviderContractV1.BASIS_INVOICE);
        assertEquals(0, new BigDecimal("4.9430").compareTo(onInvoice.deltaPct()));
        assertEquals(0, new BigDecimal("5.2000").compareTo(onInvoice.deltaPctOfTrace()));
        assertEquals("trusted", onInvoice.status());
        assertEquals("investigate", reconcile(invoice, ProviderContractV1.BASIS_TRACE).status());
    }

    private static AccountReconciliation reconcile(InvoiceTotal invoice, String basis) {
        return AccountReconciler.reconcileSlices(TRACED, Map.of(), List.of(invoice), Map.of(),
                (p, a, m, t, d) -> Optional.empty(), Map.of(invoice, new DeltaExplanation.AccountContext(List.of(),
                        List.of(), null, Map.of(), basis)), "2026-04").accounts().get(0);
    }
}
