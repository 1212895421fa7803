package io.lcpr.pricing.imports;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.price.BillableUnits;
import io.lcpr.pricing.snapshot.EntryDraft;
import io.lcpr.pricing.snapshot.VersionResult.Skip;

/**
 * LiteLLM's {@code model_prices_and_context_window.json} as price entries (FORMATS.md section 2). Prices are USD
 * per token, read as exact decimals ({@code 2.5e-06} stays 2.5 per million). One entry per tier the file prices:
 * standard, batch ({@code *_batches}), priority and flex; cache reads and writes (1-hour where it differs),
 * reasoning, and the above-200k (else above-128k) long-context tier. Charges in other units (per request, image,
 * second of audio or video, character, query, page, web search: BillableUnits) are unit prices of the standard entry,
 * USD per unit as the file states them; an entry priced only in such units is imported with token prices of zero.
 * {@code sample_spec} and entries with no price at all are skipped and counted. Where one provider and model is listed under
 * two keys ({@code gemini/gemini-flash-latest} and {@code gemini-flash-latest}, with different cache prices), the
 * key with the provider prefix wins: LiteLLM prices a call it routes to a provider by {@code provider/model} before
 * the bare name, so the suite agrees with what LiteLLM itself would charge.
 */
public final class LiteLlmPrices {
    public static final String SOURCE = "litellm";

    /** The entries and what was left out. */
    public record Parsed(List<EntryDraft> entries, List<Skip> skipped) {
    }

    private LiteLlmPrices() {
    }

    public static Parsed parse(InputStream file, Instant effectiveFrom) throws IOException {
        JsonNode root = EventJson.MAPPER.readTree(file);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a LiteLLM price file: the top level must be a JSON object of models");
        }
        List<Skip> skipped = new ArrayList<>();
        Map<String, Listed> chosen = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode m = field.getValue();
            if (key.equals("sample_spec")) {
                skipped.add(new Skip(key, "documentation entry: sample_spec is not a model"));
                continue;
            }
            if (!m.isObject() || !m.hasNonNull("litellm_provider")) {
                skipped.add(new Skip(key, "no litellm_provider: cannot tell whose price it is"));
                continue;
            }
            if (!m.has("input_cost_per_token") && !m.has("output_cost_per_token") && unitPrices(m).isEmpty()) {
                skipped.add(new Skip(key, "no price the suite reads: " + otherUnits(m)));
                continue;
            }
            String provider = m.get("litellm_provider").asText().toLowerCase(Locale.ROOT);
            boolean prefixed = key.toLowerCase(Locale.ROOT).startsWith(provider + "/");
            String model = prefixed ? key.substring(provider.length() + 1) : key;
            Listed earlier = chosen.get(provider + "|" + model);
            if (earlier != null && (earlier.prefixed() || !prefixed)) {
                skipped.add(new Skip(key, "duplicate: same provider and model as '" + earlier.key() + "', which wins"));
                continue;
            }
            if (earlier != null) {
                skipped.add(new Skip(earlier.key(), "duplicate: same provider and model as '" + key
                        + "', which wins (LiteLLM looks a call up by provider/model before the bare name)"));
            }
            chosen.put(provider + "|" + model, new Listed(key, prefixed, tiers(provider, model, effectiveFrom, m)));
        }
        List<EntryDraft> entries = new ArrayList<>();
        chosen.values().forEach(l -> entries.addAll(l.entries()));
        return new Parsed(entries, skipped);
    }

    /** The key a provider and model were read from, and their entries. */
    private record Listed(String key, boolean prefixed, List<EntryDraft> entries) {
    }

    private static List<EntryDraft> tiers(String provider, String model, Instant effectiveFrom, JsonNode m) {
        List<EntryDraft> entries = new ArrayList<>();
        entries.add(entry(provider, model, "standard", effectiveFrom, m, "", "", true));
        if (m.has("input_cost_per_token_batches") || m.has("output_cost_per_token_batches")) {
            entries.add(entry(provider, model, "batch", effectiveFrom, m, "_batches", "_batches", false));
        }
        if (m.has("input_cost_per_token_priority") || m.has("output_cost_per_token_priority")) {
            entries.add(entry(provider, model, "priority", effectiveFrom, m, "_priority", "_priority", false));
        }
        if (m.has("input_cost_per_token_flex") || m.has("output_cost_per_token_flex")) {
            entries.add(entry(provider, model, "flex", effectiveFrom, m, "_flex", "_flex", false));
        }
        return entries;
    }

    private static EntryDraft entry(String provider, String model, String tier, Instant from, JsonNode m,
            String priceSuffix, String cacheSuffix, boolean withExtras) {
        BigDecimal input = orZero(perMillion(m, "input_cost_per_token" + priceSuffix));
        BigDecimal output = orZero(perMillion(m, "output_cost_per_token" + priceSuffix));
        BigDecimal cacheRead = perMillion(m, "cache_read_input_token_cost" + cacheSuffix);
        BigDecimal cacheWrite = withExtras ? perMillion(m, "cache_creation_input_token_cost") : null;
        BigDecimal cacheWrite1h = withExtras ? perMillion(m, "cache_creation_input_token_cost_above_1hr") : null;
        BigDecimal reasoning = withExtras ? perMillion(m, "output_cost_per_reasoning_token") : null;
        Long threshold = null;
        BigDecimal lcIn = null;
        BigDecimal lcOut = null;
        BigDecimal lcRead = null;
        BigDecimal lcWrite = null;
        if (withExtras) {
            for (String size : List.of("200k", "128k")) {
                BigDecimal in = perMillion(m, "input_cost_per_token_above_" + size + "_tokens");
                BigDecimal out = perMillion(m, "output_cost_per_token_above_" + size + "_tokens");
                if (in != null || out != null) {
                    threshold = size.equals("200k") ? 200_000L : 128_000L;
                    lcIn = in != null ? in : input;
                    lcOut = out != null ? out : output;
                    lcRead = perMillion(m, "cache_read_input_token_cost_above_" + size + "_tokens");
                    lcWrite = perMillion(m, "cache_creation_input_token_cost_above_" + size + "_tokens");
                    break;
                }
            }
        }
        return new EntryDraft(provider, model, tier, "", from, null, "USD", input, cacheRead, cacheWrite, cacheWrite1h,
                output, reasoning, threshold, lcIn, lcRead, lcWrite, lcOut, withExtras ? unitPrices(m) : null);
    }

    /**
     * USD per unit of the entry's non-token charges; a web search at its medium context size, LiteLLM's default when
     * a call does not say. An image generation model priced by {@code input_cost_per_image} alone charges it per image
     * generated (LiteLLM's image cost rule): an {@code output_image}.
     */
    static Map<String, BigDecimal> unitPrices(JsonNode m) {
        Map<String, BigDecimal> prices = listedUnitPrices(m);
        if ("image_generation".equals(m.path("mode").asText()) && !prices.containsKey("output_image")
                && prices.containsKey("input_image")) {
            prices.put("output_image", prices.remove("input_image"));
        }
        return prices;
    }

    private static Map<String, BigDecimal> listedUnitPrices(JsonNode m) {
        Map<String, BigDecimal> prices = new TreeMap<>();
        for (String field : BillableUnits.liteLlmFields()) {
            JsonNode v = m.get(field);
            if (v != null && v.isObject()) {
                v = v.has("search_context_size_medium") ? v.get("search_context_size_medium")
                        : v.elements().hasNext() ? v.elements().next() : null;
            }
            if (v != null && v.isNumber() && v.decimalValue().signum() >= 0) {
                prices.put(BillableUnits.ofLiteLlmField(field), v.decimalValue().stripTrailingZeros());
            }
        }
        return prices;
    }

    /** USD per token in the file, per million here: exact, no binary floating point on the way. */
    static BigDecimal perMillion(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || v.isNull() || !v.isNumber()) {
            return null;
        }
        return v.decimalValue().movePointRight(6).stripTrailingZeros();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String otherUnits(JsonNode m) {
        TreeSet<String> units = new TreeSet<>();
        m.fieldNames().forEachRemaining(f -> {
            if (f.contains("cost")) {
                units.add(f);
            }
        });
        return units.isEmpty() ? "no prices at all" : String.join(", ", units);
    }
}
