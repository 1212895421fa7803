package io.lcpr.price;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model name as reported (by a trace, an invoice line, a rate card) becomes a priced model, the same way
 * everywhere: the exact name first, then an explicit alias, then the provider-prefix rule
 * ({@code azure/gpt-4o}, {@code bedrock/anthropic.claude-…-v1:0}), then the dated-suffix rule
 * ({@code gpt-4.1-2025-04-14} is {@code gpt-4.1}). Each candidate says which rule produced it, so an answer can
 * show why a price applied. Nothing here prices an unknown model at zero: no candidate found is an error upstream.
 */
public final class ModelNames {
    private static final Pattern DATED = Pattern.compile("^(.+?)-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
    private static final Pattern BEDROCK = Pattern.compile(
            "^(?:[a-z]{2}\\.)?(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|qwen|openai)\\.(.+?)(?:-v\\d+(?::\\d+)?)?$");

    /** A name to look up, and the rule that produced it. */
    public record Candidate(String provider, String model, String rule) {
    }

    private ModelNames() {
    }

    /**
     * @param aliases explicit aliases, keyed {@code provider|name} (or {@code *|name} for any provider), valued
     *        with the canonical model name
     */
    public static List<Candidate> candidates(String provider, String model, Map<String, String> aliases) {
        String p = provider == null ? "" : provider.toLowerCase(Locale.ROOT);
        Set<Candidate> out = new LinkedHashSet<>();
        out.add(new Candidate(p, model, "exact"));
        String alias = aliases.getOrDefault(p + "|" + model, aliases.get("*|" + model));
        if (alias != null) {
            out.add(new Candidate(p, alias, "alias"));
        }
        String bare = model;
        int slash = model.indexOf('/');
        if (slash > 0) {
            String prefix = model.substring(0, slash).toLowerCase(Locale.ROOT);
            bare = model.substring(slash + 1);
            out.add(new Candidate(prefix, bare, "provider-prefix"));
            out.add(new Candidate(p, bare, "provider-prefix"));
        }
        Matcher bedrock = BEDROCK.matcher(bare);
        if (bedrock.matches()) {
            out.add(new Candidate(p, bedrock.group(1), "provider-prefix"));
            bare = bedrock.group(1);
        }
        Matcher dated = DATED.matcher(bare);
        if (dated.matches()) {
            out.add(new Candidate(p, dated.group(1), "dated-suffix"));
            for (Candidate c : new ArrayList<>(out)) {
                if (!c.provider().equals(p) && c.model().equals(bare)) {
                    out.add(new Candidate(c.provider(), dated.group(1), "dated-suffix"));
                }
            }
        }
        return List.copyOf(out);
    }
}
