package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The suite's own invoice CSV, for bills that come in no standard shape. A header row names the columns (any order,
 * any case); required: {@code charge_start} (date or date-time, UTC unless zoned), {@code category} (usage, credit,
 * adjustment, purchase, tax), {@code amount}, and {@code provider} unless the import names it. Optional:
 * {@code billing_account} ({@code *} if absent), {@code period} (YYYY-MM; else the month of charge_start),
 * {@code charge_end}, {@code model}, {@code service_tier}, {@code token_type}, {@code quantity}, {@code unit},
 * {@code list_amount}, {@code currency} (USD), {@code project}, {@code service}, {@code invoice_id},
 * {@code correction} (true/false), {@code description}, {@code request_id} (the provider's id of the one request a
 * line bills: such lines are matched to traces request by request).
 */
public final class InvoiceCsv {
    static final List<String> REQUIRED = List.of("charge_start", "category", "amount");

    private InvoiceCsv() {
    }

    public static void parse(Reader in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser csv = CSVParser.builder().setReader(new BomSkippingReader(in)).setFormat(format).get()) {
            CsvRow row = CsvRow.over(csv, REQUIRED, "invoice CSV");
            int n = 0;
            for (CSVRecord r : csv) {
                sink.accept(line(row.at(r, csv), ++n, ctx));
            }
        }
    }

    private static InvoiceLine line(CsvRow row, int n, InvoiceImportContext ctx) {
        ChargeCategory category = ChargeCategory.parse(row.required("category"));
        if (category == null || category == ChargeCategory.REPORTED_USAGE) {
            throw new InvoiceFileException(row.line(), "category", "'" + row.text("category")
                    + "' is not one of usage, credit, adjustment, purchase, tax");
        }
        String provider = ctx.provider() != null ? ctx.provider() : CsvRow.lower(row.required("provider"));
        Instant start = row.time("charge_start", true);
        String period = row.text("period");
        if (period != null && !period.matches("\\d{4}-\\d{2}")) {
            throw new InvoiceFileException(row.line(), "period", "'" + period + "' is not YYYY-MM");
        }
        String currency = row.text("currency");
        String tier = row.text("service_tier");
        return new InvoiceLine(n, provider, ctx.accountOr(row.text("billing_account")), row.text("invoice_id"),
                period != null ? period : BillingTimes.month(start), start, row.time("charge_end", false), category,
                "true".equalsIgnoreCase(row.text("correction")), row.text("model"),
                tier == null ? "standard" : tier.toLowerCase(Locale.ROOT), row.text("token_type"),
                row.decimal("quantity"), row.text("unit"), row.requiredDecimal("amount"), row.decimal("list_amount"),
                currency == null ? "USD" : currency.toUpperCase(Locale.ROOT), row.text("project"),
                row.text("service"), row.text("description"), row.text("request_id"));
    }
}
