package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic's Admin cost report (amounts as decimal strings in cents, FORMATS.md 4.2) and messages usage report
 * (token counts: reported usage). The workspace is the line's project.
 */
public final class AnthropicExports {
    public static final String PROVIDER = "anthropic";
    private static final BigDecimal CENTS = BigDecimal.valueOf(100);

    private AnthropicExports() {
    }

    public static void parseCostReport(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink)
            throws IOException {
        int[] n = { 0 };
        ProviderPages.read(in, (bucket, r, path) -> {
            Instant start = ProviderPages.rfc3339(bucket, "starting_at", path);
            Instant end = ProviderPages.rfc3339(bucket, "ending_at", path);
            BigDecimal dollars = ProviderPages.decimal(r, "amount", path).divide(CENTS);
            String currency = ProviderPages.text(r, "currency");
            String tier = ProviderPages.text(r, "service_tier");
            String tokenType = ProviderPages.text(r, "token_type");
            if (tokenType == null) {
                tokenType = ProviderPages.text(r, "cost_type");
            }
            sink.accept(new InvoiceLine(++n[0], provider(ctx), ctx.accountOr(null), null, BillingTimes.month(start),
                    start, end, dollars.signum() < 0 ? ChargeCategory.CREDIT : ChargeCategory.USAGE, false,
                    ProviderPages.text(r, "model"), tier == null ? "standard" : tier.toLowerCase(Locale.ROOT),
                    tokenType, null, null, dollars, null,
                    currency == null ? "USD" : currency.toUpperCase(Locale.ROOT),
                    ProviderPages.text(r, "workspace_id"), ProviderPages.text(r, "cost_type"),
                    ProviderPages.text(r, "description")));
        });
    }

    /** Messages usage: one reported-usage line per token class (and one for web search requests). */
    public static void parseMessagesUsage(InputStream in, InvoiceImportContext ctx, Consumer<InvoiceLine> sink)
            throws IOException {
        int[] n = { 0 };
        ProviderPages.read(in, (bucket, r, path) -> {
            Instant start = ProviderPages.rfc3339(bucket, "starting_at", path);
            Instant end = ProviderPages.rfc3339(bucket, "ending_at", path);
            if (!r.has("uncached_input_tokens") || !r.has("output_tokens")) {
                throw new InvoiceFileException(path, "uncached_input_tokens",
                        "a messages usage result counts uncached input and output tokens");
            }
            JsonNode cache = r.path("cache_creation");
            String[] kinds = { "input_uncached", "input_cached", "input_cache_write_5m", "input_cache_write_1h",
                    "output", "web_search_requests" };
            long[] counts = { ProviderPages.count(r, "uncached_input_tokens"),
                    ProviderPages.count(r, "cache_read_input_tokens"),
                    ProviderPages.count(cache, "ephemeral_5m_input_tokens"),
                    ProviderPages.count(cache, "ephemeral_1h_input_tokens"), ProviderPages.count(r, "output_tokens"),
                    ProviderPages.count(r.path("server_tool_use"), "web_search_requests") };
            String tier = ProviderPages.text(r, "service_tier");
            for (int k = 0; k < kinds.length; k++) {
                sink.accept(new InvoiceLine(++n[0], provider(ctx), ctx.accountOr(null), null, BillingTimes.month(start),
                        start, end, ChargeCategory.REPORTED_USAGE, false, ProviderPages.text(r, "model"),
                        tier == null ? "standard" : tier, kinds[k], BigDecimal.valueOf(counts[k]),
                        k == 5 ? "requests" : "tokens", null, null, "USD", ProviderPages.text(r, "workspace_id"),
                        "messages", null));
            }
        });
    }

    private static String provider(InvoiceImportContext ctx) {
        return ctx.provider() != null ? ctx.provider() : PROVIDER;
    }
}
