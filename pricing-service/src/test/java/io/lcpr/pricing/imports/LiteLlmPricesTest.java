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

import io.lcpr.infra.SharedData;
import io.lcpr.pricing.snapshot.EntryDraft;

/** The real LiteLLM file, as it is, against values read from it by hand. */
class LiteLlmPricesTest {
    static LiteLlmPrices.Parsed parsed;
    static Map<String, EntryDraft> byKey;

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream in = Files.newInputStream(SharedData.file("litellm_model_prices.json"))) {
            parsed = LiteLlmPrices.parse(in, Instant.parse("2026-03-03T00:00:00Z"));
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
    void skipsTheSampleSpecAndNonTokenUnitsWithReasons() {
        Map<String, Long> reasons = parsed.skipped().stream().collect(Collectors.groupingBy(
                s -> s.reason().substring(0, s.reason().indexOf(':')), Collectors.counting()));
        assertEquals(1L, reasons.get("documentation entry"));
        assertTrue(reasons.get("non-token unit") > 300, reasons.toString());
        long standard = parsed.entries().stream().filter(e -> e.serviceTier().equals("standard")).count();
        long duplicates = reasons.getOrDefault("duplicate", 0L);
        assertEquals(2668, standard + reasons.get("non-token unit") + duplicates
                + reasons.getOrDefault("no litellm_provider", 0L), "every model is an entry or a counted skip");
    }
}
