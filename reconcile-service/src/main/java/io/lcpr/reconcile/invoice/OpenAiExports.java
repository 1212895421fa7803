package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI's organization Costs API ({@code organization.costs.result}: amount in dollars, lowercase currency, a
 * {@code line_item} such as {@code "gpt-4o-2024-08-06, input"} when grouped) and Usage API for completions (token
 * counts per bucket: reported usage), FORMATS.md section 4.1. The project is the line's project.
 */
public final class OpenAiExports {
    public static final String PROVIDER = "openai";

    private OpenAiExports() {
    }

    public static void parseCosts(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink)
            throws IOException {
        int[] n = { 0 };
        ProviderPages.read(in, (bucket, r, path) -> {
            Instant start = ProviderPages.unixSeconds(bucket, "start_time", path);
            Instant end = ProviderPages.unixSeconds(bucket, "end_time", path);
            JsonNode amount = r.get("amount");
            if (amount == null || !amount.isObject()) {
                throw new InvoiceFileException(path, "amount", "missing: a cost result carries {value, currency}");
            }
            BigDecimal value = ProviderPages.decimal(amount, "value", path + ".amount");
            String currency = ProviderPages.text(amount, "currency");
            String item = ProviderPages.text(r, "line_item");
            String model = null;
            String tokenType = item;
            if (item != null && item.indexOf(',') > 0) { // "gpt-4o-2024-08-06, input": a model and a token class
                model = item.substring(0, item.indexOf(',')).trim();
                tokenType = item.substring(item.indexOf(',') + 1).trim().toLowerCase(Locale.ROOT);
            }
            String tier = tokenType != null && tokenType.contains("batch") ? "batch" : "standard";
            sink.accept(new InvoiceLine(++n[0], provider(ctx), ctx.accountOr(null), null, BillingTimes.month(start),
                    start, end, value.signum() < 0 ? ChargeCategory.CREDIT : ChargeCategory.USAGE, false, model, tier,
                    tokenType, quantity(r), ProviderPages.text(r, "quantity_unit"), value, null,
                    currency == null ? "USD" : currency.toUpperCase(Locale.ROOT), ProviderPages.text(r, "project_id"),
                    "costs", item));
        });
    }

    /** Completions usage: one reported-usage line per token class the result counts (and one for requests). */
    public static void parseCompletionsUsage(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink)
            throws IOException {
        int[] n = { 0 };
        ProviderPages.read(in, (bucket, r, path) -> {
            Instant start = ProviderPages.unixSeconds(bucket, "start_time", path);
            Instant end = ProviderPages.unixSeconds(bucket, "end_time", path);
            if (!r.has("input_tokens") || !r.has("output_tokens")) {
                throw new InvoiceFileException(path, "input_tokens", "a completions usage result counts input and output tokens");
            }
            long cached = ProviderPages.count(r, "input_cached_tokens");
            long written = ProviderPages.count(r, "input_cache_write_tokens");
            // input_tokens counts cached and cache-write tokens too (FORMATS.md 4.1); input_uncached_tokens is newer
            long uncached = r.has("input_uncached_tokens") ? ProviderPages.count(r, "input_uncached_tokens")
                    : ProviderPages.count(r, "input_tokens") - cached - written;
            String model = ProviderPages.text(r, "model");
            String tier = r.path("batch").asBoolean(false) ? "batch"
                    : ProviderPages.text(r, "service_tier") == null ? "standard" : ProviderPages.text(r, "service_tier");
            String project = ProviderPages.text(r, "project_id");
            String[] kinds = { "input_uncached", "input_cached", "input_cache_write", "output", "requests" };
            long[] counts = { uncached, cached, written, ProviderPages.count(r, "output_tokens"),
                    ProviderPages.count(r, "num_model_requests") };
            for (int k = 0; k < kinds.length; k++) {
                sink.accept(new InvoiceLine(++n[0], provider(ctx), ctx.accountOr(null), null, BillingTimes.month(start),
                        start, end, ChargeCategory.REPORTED_USAGE, false, model, tier, kinds[k],
                        BigDecimal.valueOf(counts[k]), k == 4 ? "requests" : "tokens", null, null, "USD", project,
                        "completions", null));
            }
        });
    }

    private static String provider(InvoiceImportContext ctx) {
        return ctx.provider() != null ? ctx.provider() : PROVIDER;
    }

    private static BigDecimal quantity(JsonNode r) {
        JsonNode q = r.get("quantity");
        return q == null || !q.isNumber() ? null : q.decimalValue();
    }
}
