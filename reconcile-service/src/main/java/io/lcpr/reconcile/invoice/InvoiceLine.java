package io.lcpr.reconcile.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a provider's bill as the suite keeps it, whatever the file it came in. {@code period} is the billing
 * period's month ({@code 2026-04}, UTC); {@code model} is the name as billed (resolved through the price history's
 * aliases and naming rules when reconciled, like a trace's); {@code service} the billed offering (FOCUS ServiceName,
 * a cost type); {@code billedCost} is null only for reported usage.
 */
public record InvoiceLine(int lineNo, String provider, String billingAccount, String invoiceId, String period,
        Instant chargeStart, Instant chargeEnd, ChargeCategory category, boolean correction, String model,
        String serviceTier, String tokenType, BigDecimal quantity, String unit, BigDecimal billedCost,
        BigDecimal listCost, String currency, String project, String service, String description) {
}
