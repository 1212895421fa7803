package io.lcpr.price;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The charges a provider bills by something other than a token: a request, an image, a second of audio, a search.
 * One vocabulary for the three places they meet: a price entry's unit prices (USD per unit, from LiteLLM's
 * {@code *_cost_per_*} fields), a trace's counts (attributes {@code lcpr.units.<unit>}) and a bill's lines (FOCUS
 * ConsumedUnit, a cost report's cost type), so a web search billed on a line is matched with the web searches traced.
 */
public final class BillableUnits {
    /** The attribute prefix a trace states its non-token counts under: {@code lcpr.units.web_search = "3"}. */
    public static final String TRACE_ATTRIBUTE_PREFIX = "lcpr.units.";

    /** LiteLLM price field to unit; a search's price is its medium context size (LiteLLM's default). */
    private static final Map<String, String> LITELLM_FIELDS = new LinkedHashMap<>();
    static {
        LITELLM_FIELDS.put("input_cost_per_request", "request");
        LITELLM_FIELDS.put("input_cost_per_query", "query");
        LITELLM_FIELDS.put("input_cost_per_image", "input_image");
        LITELLM_FIELDS.put("output_cost_per_image", "output_image");
        LITELLM_FIELDS.put("input_cost_per_pixel", "input_pixel");
        LITELLM_FIELDS.put("input_cost_per_second", "input_second");
        LITELLM_FIELDS.put("output_cost_per_second", "output_second");
        LITELLM_FIELDS.put("input_cost_per_video_per_second", "input_video_second");
        LITELLM_FIELDS.put("output_cost_per_video_per_second", "output_video_second");
        LITELLM_FIELDS.put("code_interpreter_cost_per_session", "code_interpreter_session");
        LITELLM_FIELDS.put("input_cost_per_character", "input_character");
        LITELLM_FIELDS.put("output_cost_per_character", "output_character");
        LITELLM_FIELDS.put("input_cost_per_audio_token", "input_audio_token");
        LITELLM_FIELDS.put("output_cost_per_audio_token", "output_audio_token");
        LITELLM_FIELDS.put("input_cost_per_image_token", "input_image_token");
        LITELLM_FIELDS.put("output_cost_per_image_token", "output_image_token");
        LITELLM_FIELDS.put("ocr_cost_per_page", "page");
        LITELLM_FIELDS.put("search_context_cost_per_query", "web_search");
    }

    /** Every unit the suite prices, traces and matches. */
    public static final Set<String> ALL = Collections.unmodifiableSet(new java.util.TreeSet<>(LITELLM_FIELDS.values()));

    /** How bills spell units (singular, lower case, spaces as underscores): to the suite's name. */
    private static final Map<String, String> BILLED = Map.ofEntries(Map.entry("request", "request"),
            Map.entry("api_request", "request"), Map.entry("model_request", "request"), Map.entry("query", "query"),
            Map.entry("image", "output_image"), Map.entry("generated_image", "output_image"),
            Map.entry("second", "input_second"), Map.entry("duration_second", "input_second"),
            Map.entry("audio_second", "input_second"), Map.entry("character", "input_character"),
            Map.entry("page", "page"), Map.entry("search", "web_search"), Map.entry("web_search", "web_search"),
            Map.entry("web_search_request", "web_search"), Map.entry("web_search_call", "web_search"),
            Map.entry("web_search_tool_call", "web_search"), Map.entry("code_execution", "code_interpreter_session"),
            Map.entry("code_interpreter_session", "code_interpreter_session"));

    private BillableUnits() {
    }

    /** The LiteLLM field names that hold a unit price, in file order. */
    public static Set<String> liteLlmFields() {
        return LITELLM_FIELDS.keySet();
    }

    public static String ofLiteLlmField(String field) {
        return LITELLM_FIELDS.get(field);
    }

    /**
     * The unit a bill line charges, from its unit and the kind it names (a token type, a cost type, a service); null
     * for tokens and anything the suite does not price by unit.
     */
    public static String ofBilled(String... names) {
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            String n = name.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (ALL.contains(n)) {
                return n;
            }
            String singular = n.endsWith("ies") ? n.substring(0, n.length() - 3) + "y"
                    : n.endsWith("ches") ? n.substring(0, n.length() - 2)
                    : n.endsWith("s") ? n.substring(0, n.length() - 1) : n;
            String unit = BILLED.get(singular);
            if (unit != null) {
                return unit;
            }
        }
        return null;
    }

    /**
     * A trace's non-token counts from its attributes; a value that is no non-negative decimal, or a unit outside the
     * vocabulary, throws naming the attribute (ingest refuses such a trace; what reaches reconcile is valid).
     */
    public static SortedMap<String, BigDecimal> ofTrace(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, BigDecimal> units = null;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!a.getKey().startsWith(TRACE_ATTRIBUTE_PREFIX)) {
                continue;
            }
            String unit = a.getKey().substring(TRACE_ATTRIBUTE_PREFIX.length());
            if (!ALL.contains(unit)) {
                throw new IllegalArgumentException("unknown billable unit '" + unit + "' (one of " + ALL + ")");
            }
            BigDecimal quantity;
            try {
                quantity = new BigDecimal(a.getValue().trim());
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException("'" + a.getValue() + "' is not a number of " + unit);
            }
            if (quantity.signum() < 0) {
                throw new IllegalArgumentException("a count of " + unit + " cannot be negative: " + quantity);
            }
            if (quantity.signum() > 0) {
                if (units == null) {
                    units = new TreeMap<>();
                }
                units.put(unit, quantity);
            }
        }
        return units == null ? Collections.emptySortedMap() : units;
    }

    /** Unit prices written as {@code unit=price,unit=price} (sorted, plain decimals): how stores keep them in a column. */
    public static String format(Map<String, BigDecimal> prices) {
        if (prices == null || prices.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(prices).forEach((u, p) -> out.append(out.isEmpty() ? "" : ",").append(u).append('=')
                .append(p.stripTrailingZeros().toPlainString()));
        return out.toString();
    }

    public static SortedMap<String, BigDecimal> parse(String column) {
        if (column == null || column.isBlank()) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, BigDecimal> prices = new TreeMap<>();
        for (String pair : column.split(",")) {
            int eq = pair.indexOf('=');
            prices.put(pair.substring(0, eq), new BigDecimal(pair.substring(eq + 1)));
        }
        return prices;
    }
}
