package io.lcpr.reconcile.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a provider's bill as the suite keeps it, whatever the file it came in. {@code period} is the billing
 * period's month ({@code 2026-04}, UTC); {@code model} is the name as billed (resolved through the price history's
 * aliases and naming rules when reconciled, like a trace's); {@code service} the billed offering (FOCUS ServiceName,
 * a cost type); {@code billedCost} is null only for reported usage; {@code requestId} the provider's id of the one
 * request a line bills, where the export is request-level (reconciled request by request).
 */
public record InvoiceLine(int lineNo, String provider, String billingAccount, String invoiceId, String period,
        Instant chargeStart, Instant chargeEnd, ChargeCategory category, boolean correction, String model,
        String serviceTier, String tokenType, BigDecimal quantity, String unit, BigDecimal billedCost,
        BigDecimal listCost, String currency, String project, String service, String description, String requestId) {

    /** A line of an export that does not bill request by request. */
    public InvoiceLine(int lineNo, String provider, String billingAccount, String invoiceId, String period,
            Instant chargeStart, Instant chargeEnd, ChargeCategory category, boolean correction, String model,
            String serviceTier, String tokenType, BigDecimal quantity, String unit, BigDecimal billedCost,
            BigDecimal listCost, String currency, String project, String service, String description) {
        this(lineNo, provider, billingAccount, invoiceId, period, chargeStart, chargeEnd, category, correction, model,
                serviceTier, tokenType, quantity, unit, billedCost, listCost, currency, project, service, description,
                null);
    }
}
