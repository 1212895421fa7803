package io.lcpr.reconcile.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.SharedData;

/** The provider API examples of shared/data/examples, as they are. */
class ProviderExportsTest {
    static final InvoiceImportContext CTX = new InvoiceImportContext(null, "org-main");

    static List<InvoiceLine> read(InvoiceFormat format, String example) throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.file("examples/" + example))) {
            return read(format, in);
        }
    }

    static List<InvoiceLine> read(InvoiceFormat format, InputStream in) throws IOException {
        List<InvoiceLine> lines = new ArrayList<>();
        format.parse(in, CTX, lines::add);
        return lines;
    }

    @Test
    void openAiCostsAreDollarsPerDailyBucket() throws IOException {
        List<InvoiceLine> lines = read(InvoiceFormat.OPENAI_COSTS, "openai_costs_response.json");
        assertEquals(1, lines.size());
        InvoiceLine l = lines.get(0);
        assertEquals("openai", l.provider());
        assertEquals("org-main", l.billingAccount());
        assertEquals(0, new BigDecimal("0.06").compareTo(l.billedCost()));
        assertEquals("USD", l.currency(), "usd, lowercase in the payload");
        assertEquals("2024-11-01T00:00:00Z", l.chargeStart().toString());
        assertEquals("2024-11", l.period());
    }

    @Test
    void anOpenAiLineItemNamesTheModelAndTokenClass() throws IOException {
        String page = """
                {"object":"page","data":[{"object":"bucket","start_time":1775001600,"end_time":1775088000,"results":[
                {"object":"organization.costs.result","amount":{"value":12.5,"currency":"usd"},
                 "line_item":"gpt-4o-2024-08-06, input","project_id":"proj_abc","quantity":5000000,"quantity_unit":"tokens"}]}],
                 "has_more":true,"next_page":"p2"}
                {"object":"page","data":[{"object":"bucket","start_time":1775088000,"end_time":1775174400,"results":[
                {"object":"organization.costs.result","amount":{"value":-3,"currency":"usd"},"line_item":null,
                 "project_id":null,"quantity":null,"quantity_unit":null}]}],"has_more":false,"next_page":null}
                """;
        List<InvoiceLine> lines = read(InvoiceFormat.OPENAI_COSTS,
                new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, lines.size(), "two pages, one after the other");
        assertEquals("gpt-4o-2024-08-06", lines.get(0).model());
        assertEquals("input", lines.get(0).tokenType());
        assertEquals("proj_abc", lines.get(0).project());
        assertEquals(0, new BigDecimal("5000000").compareTo(lines.get(0).quantity()));
        assertEquals(ChargeCategory.CREDIT, lines.get(1).category(), "a negative amount is a credit");
    }

    @Test
    void openAiCompletionsUsageCountsTokenClassesApart() throws IOException {
        List<InvoiceLine> lines = read(InvoiceFormat.OPENAI_USAGE, "openai_usage_completions_response.json");
        // input 1,000 = 500 uncached + 400 cached + 100 cache-write; output 500; 5 requests
        assertEquals(List.of("input_uncached=500", "input_cached=400", "input_cache_write=100", "output=500",
                "requests=5"), lines.stream().map(l -> l.tokenType() + "=" + l.quantity()).toList());
        assertEquals(ChargeCategory.REPORTED_USAGE, lines.get(0).category());
    }

    @Test
    void anthropicCostReportAmountsAreCents() throws IOException {
        List<InvoiceLine> lines = read(InvoiceFormat.ANTHROPIC_COST_REPORT, "anthropic_cost_report_response.json");
        assertEquals(2, lines.size());
        assertEquals(0, new BigDecimal("1.2345").compareTo(lines.get(0).billedCost()), "\"123.45\" cents");
        assertEquals("claude-sonnet-4-5-20250929", lines.get(0).model());
        assertEquals("uncached_input_tokens", lines.get(0).tokenType());
        assertEquals("wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", lines.get(0).project());
        assertEquals(0, new BigDecimal("0.50").compareTo(lines.get(1).billedCost()));
        assertEquals("web_search", lines.get(1).tokenType());
        assertEquals("2026-08", lines.get(0).period());
    }

    @Test
    void anthropicMessagesUsageCountsBothCacheWrites() throws IOException {
        List<InvoiceLine> lines = read(InvoiceFormat.ANTHROPIC_USAGE, "anthropic_usage_report_messages_response.json");
        assertEquals(List.of("input_uncached=1500", "input_cached=200", "input_cache_write_5m=500",
                "input_cache_write_1h=1000", "output=500", "web_search_requests=10"),
                lines.stream().map(l -> l.tokenType() + "=" + l.quantity()).toList());
    }

    @Test
    void aPayloadThatIsNoPageIsRefusedNamingWhere() {
        InvoiceFileException e = assertThrows(InvoiceFileException.class, () -> read(InvoiceFormat.OPENAI_COSTS,
                new ByteArrayInputStream("{\"data\":[{\"start_time\":1,\"end_time\":2,\"results\":[{\"amount\":{\"value\":\"x\"}}]}]}"
                        .getBytes(StandardCharsets.UTF_8))));
        assertEquals("page 1, data[0].results[0].amount", e.line());
        assertEquals("value", e.column());
    }

    /**
     * Found by HostileInput, each a 500 before: a currency 30 characters long (the COPY failed), JSON nested deeper
     * than the parser allows, a FOCUS cell with a stray quote. Each is refused naming what is wrong.
     */
    @Test
    void billsThatAreNotWhatTheyClaimAreRefusedSayingWhy() throws IOException {
        String longCurrency = """
                {"object":"page","data":[{"object":"bucket","start_time":1775001600,"end_time":1775088000,"results":[
                {"object":"organization.costs.result","amount":{"value":1,"currency":"%s"}}]}],"has_more":false}
                """.formatted("u".repeat(30));
        InvoiceFileException tooLong = assertThrows(InvoiceFileException.class, () -> read(InvoiceFormat.OPENAI_COSTS,
                new ByteArrayInputStream(longCurrency.getBytes(StandardCharsets.UTF_8))));
        assertEquals("line 1, currency: is 30 characters long; at most 3", tooLong.getMessage());
        String deep = "{\"object\":\"page\",\"data\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
        InvoiceFileException nested = assertThrows(InvoiceFileException.class, () -> read(InvoiceFormat.OPENAI_COSTS,
                new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8))));
        org.junit.jupiter.api.Assertions.assertTrue(nested.getMessage().startsWith("the file: is not openai-costs"
                + " JSON: Document nesting depth"), nested.getMessage());
        List<String> sample = Files.readAllLines(SharedData.file("focus_sample.csv"));
        String focus = sample.get(0) + "\n\"NULL\"x" + sample.get(1).substring(sample.get(1).indexOf(',')) + "\n";
        InvoiceFileException csv = assertThrows(InvoiceFileException.class, () -> read(InvoiceFormat.FOCUS,
                new ByteArrayInputStream(focus.getBytes(StandardCharsets.UTF_8))));
        org.junit.jupiter.api.Assertions.assertTrue(csv.getMessage().startsWith("the file: is not focus CSV (RFC"
                + " 4180)"), csv.getMessage());
    }
}
