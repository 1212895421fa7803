package io.lcpr.pricing.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.infra.SharedData;
import io.lcpr.price.Rates;
import io.lcpr.pricing.snapshot.EntryDraft;

/** The real LiteLLM file, as it is, against values read from it by hand. */
class LiteLlmPricesTest {
    static LiteLlmPrices.Parsed parsed;
    static Map<String, EntryDraft> byKey;
    static JsonNode file;

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream in = Files.newInputStream(SharedData.file("litellm_model_prices.json"))) {
            parsed = LiteLlmPrices.parse(in, Instant.parse("2026-03-03T00:00:00Z"));
        }
        try (InputStream in = Files.newInputStream(SharedData.file("litellm_model_prices.json"))) {
            file = EventJson.MAPPER.readTree(in);
        }
        byKey = parsed.entries().stream()
                .collect(Collectors.toMap(e -> e.provider() + "|" + e.model() + "|" + e.serviceTier(), e -> e));
    }

    static void price(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), expected + " vs " + actual);
    }

    @Test
    void gpt4oHasStandardBatchAndPriorityTiers() {
        EntryDraft standard = byKey.get("openai|gpt-4o|standard");
        price("2.5", standard.inputPerMillion()); // 2.5e-06 per token
        price("10", standard.outputPerMillion());
        price("1.25", standard.cacheReadPerMillion());
        EntryDraft batch = byKey.get("openai|gpt-4o|batch");
        price("1.25", batch.inputPerMillion());
        price("5", batch.outputPerMillion());
        EntryDraft priority = byKey.get("openai|gpt-4o|priority");
        price("4.25", priority.inputPerMillion());
        price("17", priority.outputPerMillion());
        price("2.125", priority.cacheReadPerMillion());
    }

    @Test
    void claudeSonnet45HasTheAbove200kTierAndCacheWrites() {
        EntryDraft e = byKey.get("anthropic|claude-sonnet-4-5|standard");
        price("3", e.inputPerMillion());
        price("15", e.outputPerMillion());
        price("0.3", e.cacheReadPerMillion());
        price("3.75", e.cacheWritePerMillion());
        assertEquals(200_000L, e.longContextThresholdTokens());
        price("6", e.longContextInputPerMillion());
        price("22.5", e.longContextOutputPerMillion());
        price("0.6", e.longContextCacheReadPerMillion());
        price("7.5", e.longContextCacheWritePerMillion());
    }

    @Test
    void oneHourCacheWritesFlexAndProviderPrefixes() {
        EntryDraft bedrock = byKey.get("bedrock|anthropic.claude-3-5-sonnet-20240620-v1:0|standard");
        price("7.5", bedrock.cacheWrite1hPerMillion());
        EntryDraft flex = byKey.get("openai|o3|flex");
        price("1", flex.inputPerMillion());
        price("4", flex.outputPerMillion());
        price("0.25", flex.cacheReadPerMillion());
        EntryDraft azure = byKey.get("azure|gpt-4o|standard"); // key "azure/gpt-4o", provider prefix stripped
        price("2.5", azure.inputPerMillion());
        assertNull(byKey.get("azure|gpt-4o|batch"), "no batch price in the file: none invented");
    }

    @Test
    void skipsTheSampleSpecAndEntriesWithoutAPriceWithReasons() {
        Map<String, Long> reasons = parsed.skipped().stream().collect(Collectors.groupingBy(
                s -> s.reason().substring(0, s.reason().indexOf(':')), Collectors.counting()));
        assertEquals(1L, reasons.get("documentation entry"));
        long standard = parsed.entries().stream().filter(e -> e.serviceTier().equals("standard")).count();
        long duplicates = reasons.getOrDefault("duplicate", 0L);
        long unpriced = reasons.getOrDefault("no price the suite reads", 0L);
        assertEquals(2668, standard + unpriced + duplicates + reasons.getOrDefault("no litellm_provider", 0L),
                "every model is an entry or a counted skip");
        // counted from the file here: an entry with no token price and none of the unit prices the suite reads
        long expected = 0;
        for (var it = file.fields(); it.hasNext();) {
            var f = it.next();
            JsonNode m = f.getValue();
            if (f.getKey().equals("sample_spec") || !m.has("litellm_provider") || m.has("input_cost_per_token")
                    || m.has("output_cost_per_token")) {
                continue;
            }
            boolean anyUnit = false;
            for (String field : io.lcpr.price.BillableUnits.liteLlmFields()) {
                anyUnit |= m.has(field);
            }
            expected += anyUnit ? 0 : 1;
        }
        assertEquals(expected, unpriced, reasons.toString());
        assertTrue(unpriced < 150, "most of the 434 entries without token prices are imported: " + unpriced);
    }

    /** The charges billed by request, image, second, character or search, as the file states them (USD per unit). */
    @Test
    void nonTokenChargesAreUnitPrices() {
        // whisper-1 transcribes at 0.0001 a second; tts-1 speaks at 1.5e-05 a character: no token price at all
        EntryDraft whisper = byKey.get("openai|whisper-1|standard");
        price("0.0001", whisper.unitPrices().get("input_second"));
        price("0", whisper.inputPerMillion());
        price("0.000015", byKey.get("openai|tts-1|standard").unitPrices().get("input_character"));
        // dall-e-3 states input_cost_per_image 0.04: an image generation model charges that per image generated
        assertEquals(Map.of("output_image", new BigDecimal("0.04")), byKey.get("openai|dall-e-3|standard").unitPrices());
        // a chat model with a web search price: tokens and, per search, its medium context size (0.035)
        EntryDraft search = byKey.get("openai|gpt-4o-search-preview|standard");
        price("2.5", search.inputPerMillion());
        price("0.035", search.unitPrices().get("web_search"));
        assertNull(byKey.get("openai|gpt-4o-search-preview|batch").unitPrices(), "unit prices on the standard entry");
        long withUnits = parsed.entries().stream().filter(e -> e.unitPrices() != null).count();
        assertTrue(withUnits > 300, "entries with unit prices: " + withUnits);
    }

    /**
     * One call above the long-context threshold, with cache reads and writes, priced for every model of the file
     * that has a long-context tier, against the file's own fields read here: a long-context price where the file
     * gives one, else the base price of the same kind (LiteLLM's rule: cached tokens keep their discount).
     */
    @Test
    void everyLongContextModelPricesALongCallWithCacheAsTheFileSays() throws Exception {
        int checked = 0;
        for (EntryDraft e : parsed.entries()) {
            if (e.longContextThresholdTokens() == null) {
                continue;
            }
            JsonNode m = file.has(e.provider() + "/" + e.model()) ? file.get(e.provider() + "/" + e.model())
                    : file.get(e.model());
            String above = "_above_" + e.longContextThresholdTokens() / 1000 + "k_tokens";
            BigDecimal input = perToken(m, "input_cost_per_token");
            BigDecimal longInput = first(perToken(m, "input_cost_per_token" + above), input);
            BigDecimal read = first(perToken(m, "cache_read_input_token_cost" + above),
                    perToken(m, "cache_read_input_token_cost"), input);
            BigDecimal write = first(perToken(m, "cache_creation_input_token_cost" + above),
                    perToken(m, "cache_creation_input_token_cost"), input);
            BigDecimal output = first(perToken(m, "output_cost_per_token" + above), perToken(m, "output_cost_per_token"));
            long prompt = e.longContextThresholdTokens() + 10_000;
            BigDecimal expected = longInput.multiply(BigDecimal.valueOf(prompt - 30_000 - 20_000))
                    .add(read.multiply(BigDecimal.valueOf(30_000))).add(write.multiply(BigDecimal.valueOf(20_000)))
                    .add(output.multiply(BigDecimal.valueOf(2_000)));
            BigDecimal actual = rates(e.normalized()).cost(new Rates.Usage(prompt, 30_000, 20_000, 2_000, 0));
            assertEquals(0, expected.compareTo(actual), e.keyLabel() + ": file " + expected + ", suite " + actual);
            checked++;
        }
        assertTrue(checked > 100, "models with a long-context tier checked: " + checked);
        // the case: grok-4 fast above 128k reads its cache at 0.05 per million, not the long input's 0.4
        EntryDraft grok = byKey.get("xai|grok-4-fast-reasoning|standard");
        price("0.05", grok.cacheReadPerMillion());
        // 128,000 uncached x $0.40 + 30,000 cache reads x $0.05 per million (the old rule charged them $0.40): $0.0527
        price("0.0527", rates(grok.normalized()).cost(new Rates.Usage(158_000, 30_000, 0, 0, 0)));
    }

    @Test
    void aModelListedUnderTwoKeysTakesTheProviderPrefixedOne() {
        // gemini/gemini-flash-latest reads its cache at 7.5e-08 a token, the bare key at 3e-08
        price("0.075", byKey.get("gemini|gemini-flash-latest|standard").cacheReadPerMillion());
        assertTrue(parsed.skipped().stream().anyMatch(s -> s.key().equals("gemini-flash-latest")
                && s.reason().contains("'gemini/gemini-flash-latest', which wins")), parsed.skipped().toString());
    }

    static Rates rates(EntryDraft e) {
        return new Rates(e.inputPerMillion(), e.cacheReadPerMillion(), e.cacheWritePerMillion(),
                e.cacheWrite1hPerMillion(), e.outputPerMillion(), e.reasoningPerMillion(),
                new Rates.LongContext(e.longContextThresholdTokens(), e.longContextInputPerMillion(),
                        e.longContextCacheReadPerMillion(), e.longContextCacheWritePerMillion(),
                        e.longContextOutputPerMillion()));
    }

    static BigDecimal perToken(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || !v.isNumber() ? null : v.decimalValue();
    }

    static BigDecimal first(BigDecimal... values) {
        for (BigDecimal v : values) {
            if (v != null) {
                return v;
            }
        }
        return BigDecimal.ZERO;
    }
}
