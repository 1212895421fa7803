package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;

/** An invoice as reconciliation reads it: provider, billing account ({@code *} = all), total. */
public record InvoiceTotal(String provider, String billingAccount, BigDecimal total) {

    boolean covers(String callProvider, String projectId) {
        return provider.equals(callProvider) && ("*".equals(billingAccount) || billingAccount.equals(projectId));
    }
}
