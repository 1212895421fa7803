package io.lcpr.reconcile.invoice;

import java.math.BigDecimal;

/**
 * A bill's line checked against the columns it is stored in before it is copied: a value over a limit refuses the
 * file naming its line and field, where the COPY failed the import with a 500 (found by HostileInput: a currency of
 * 30 characters, an amount of 1e400 digits).
 */
final class InvoiceLineLimits {
    /** Digits before the decimal point of any amount or quantity a bill can hold. */
    static final int MAX_INTEGER_DIGITS = 30;

    private InvoiceLineLimits() {
    }

    static InvoiceLine checked(InvoiceLine l) {
        String line = "line " + l.lineNo();
        text(line, "provider", l.provider(), 64);
        text(line, "billing_account", l.billingAccount(), 255);
        text(line, "invoice_id", l.invoiceId(), 255);
        text(line, "period", l.period(), 10);
        text(line, "model", l.model(), 255);
        text(line, "service_tier", l.serviceTier(), 32);
        text(line, "token_type", l.tokenType(), 128);
        text(line, "unit", l.unit(), 64);
        text(line, "currency", l.currency(), 3);
        text(line, "project", l.project(), 255);
        text(line, "service", l.service(), 255);
        text(line, "description", l.description(), 100_000);
        text(line, "request_id", l.requestId(), 255);
        amount(line, "quantity", l.quantity());
        amount(line, "billed_cost", l.billedCost());
        amount(line, "list_cost", l.listCost());
        return l;
    }

    private static void text(String line, String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvoiceFileException(line, field, "contains a NUL character (U+0000)");
        }
        if (value.length() > maxLength) {
            throw new InvoiceFileException(line, field, "is " + value.length() + " characters long; at most "
                    + maxLength);
        }
    }

    private static void amount(String line, String field, BigDecimal value) {
        if (value != null && value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new InvoiceFileException(line, field, value.toEngineeringString() + " is beyond any bill (at most "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point)");
        }
    }
}
