package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A FOCUS cost-and-usage export (1.0 to 1.3, FORMATS.md section 3) as invoice lines, streamed. Tolerates what real
 * exports do: a byte-order mark, literal {@code NULL}, empty strings, {@code 2024-10-01 00:00:00} timestamps, mixed
 * case values and columns it does not know (kept out, never an error). The provider is ServiceProviderName (1.3),
 * else ProviderName, unless the caller names it; the model and tier come from the custom columns {@code x_Model}
 * and {@code x_ServiceTier} when the export adds them (FOCUS has no model column).
 */
public final class FocusCsv {
    static final List<String> REQUIRED = List.of("BilledCost", "BillingAccountId", "BillingCurrency",
            "BillingPeriodStart", "ChargeCategory", "ChargePeriodStart");

    private FocusCsv() {
    }

    public static void parse(Reader in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser csv = CSVParser.builder().setReader(new BomSkippingReader(in)).setFormat(format).get()) {
            CsvRow row = CsvRow.over(csv, REQUIRED, "FOCUS");
            int n = 0;
            for (CSVRecord r : csv) {
                sink.accept(line(row.at(r, csv), ++n, ctx));
            }
        }
    }

    private static InvoiceLine line(CsvRow row, int n, InvoiceImportContext ctx) {
        ChargeCategory category = ChargeCategory.parse(row.required("ChargeCategory"));
        if (category == null || category == ChargeCategory.REPORTED_USAGE) {
            throw new InvoiceFileException(row.line(), "ChargeCategory", "'" + row.text("ChargeCategory")
                    + "' is not one of Usage, Purchase, Tax, Credit, Adjustment");
        }
        String provider = ctx.provider() != null ? ctx.provider()
                : CsvRow.lower(row.firstOf("ServiceProviderName", "ProviderName"));
        if (provider == null) {
            throw new InvoiceFileException(row.line(), "ProviderName",
                    "no provider: the export names none and the import did not give one");
        }
        Instant periodStart = row.time("BillingPeriodStart", true);
        BigDecimal quantity = row.decimal("ConsumedQuantity");
        String unit = row.text("ConsumedUnit");
        if (quantity == null) {
            quantity = row.decimal("PricingQuantity");
            unit = row.text("PricingUnit");
        }
        String tier = row.text("x_ServiceTier");
        return new InvoiceLine(n, provider, ctx.accountOr(row.required("BillingAccountId")), row.text("InvoiceId"),
                BillingTimes.month(periodStart), row.time("ChargePeriodStart", true), row.time("ChargePeriodEnd", false),
                category, "correction".equalsIgnoreCase(row.text("ChargeClass")), row.text("x_Model"),
                tier == null ? "standard" : tier.toLowerCase(Locale.ROOT), row.text("SkuMeter"), quantity, unit,
                row.requiredDecimal("BilledCost"), row.decimal("ListCost"),
                row.required("BillingCurrency").toUpperCase(Locale.ROOT), row.firstOf("SubAccountId", "SubAccountName"),
                row.text("ServiceName"), row.text("ChargeDescription"));
    }
}
