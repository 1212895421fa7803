package io.lcpr.reconcile.invoice;

import java.util.Locale;

/**
 * What the caller says of a file that the file may not: the provider (FOCUS names it itself; the provider APIs'
 * payloads do not) and the billing account its lines belong to ({@code *} = every account of the provider).
 */
public record InvoiceImportContext(String provider, String billingAccount) {
    public static final String ALL_ACCOUNTS = "*";

    public InvoiceImportContext {
        provider = provider == null || provider.isBlank() ? null : provider.trim().toLowerCase(Locale.ROOT);
        billingAccount = billingAccount == null || billingAccount.isBlank() ? null : billingAccount.trim();
    }

    String accountOr(String fromFile) {
        return billingAccount != null ? billingAccount : fromFile != null ? fromFile : ALL_ACCOUNTS;
    }
}
