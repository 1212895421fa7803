package io.lcpr.price;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rates of one price key in one version, per million tokens. Optional parts: a 1-hour cache-write price, a
 * reasoning price (when reasoning tokens are billed apart from output), and a long-context tier that reprices the
 * whole request when the prompt exceeds its threshold. Charges by other units (a request, an image, a web search;
 * BillableUnits) are priced per unit in {@code unitPrices}, beside the tokens.
 */
public record Rates(BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion, BigDecimal cacheWritePerMillion,
        BigDecimal cacheWrite1hPerMillion, BigDecimal outputPerMillion, BigDecimal reasoningPerMillion,
        LongContext longContext, SortedMap<String, BigDecimal> unitPrices) {

    public Rates {
        unitPrices = unitPrices == null || unitPrices.isEmpty() ? java.util.Collections.emptySortedMap()
                : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(unitPrices));
    }

    /** Token rates only. */
    public Rates(BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion, BigDecimal cacheWritePerMillion,
            BigDecimal cacheWrite1hPerMillion, BigDecimal outputPerMillion, BigDecimal reasoningPerMillion,
            LongContext longContext) {
        this(inputPerMillion, cacheReadPerMillion, cacheWritePerMillion, cacheWrite1hPerMillion, outputPerMillion,
                reasoningPerMillion, longContext, null);
    }

    /**
     * Rates that replace the base ones for a whole request whose prompt exceeds {@code thresholdTokens}; a cache
     * price left null keeps the base cache price.
     */
    public record LongContext(long thresholdTokens, BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion,
            BigDecimal cacheWritePerMillion, BigDecimal outputPerMillion) {
    }

    /** Token counts of one call; input includes cached and cache-creation tokens, output includes reasoning. */
    public record Usage(long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens,
            long reasoningTokens) {
    }

    public static Rates simple(BigDecimal input, BigDecimal cacheRead, BigDecimal cacheWrite, BigDecimal output) {
        return new Rates(input, cacheRead, cacheWrite, null, output, null, null);
    }

    /**
     * DESIGN.md section 4: uncached = input - cache_read - cache_creation;
     * cost = uncached*input + cache_read*cache_read + cache_creation*cache_write + output*output,
     * with the long-context rates for the whole request above the threshold, and reasoning tokens at their own
     * rate when the snapshot prices them apart.
     */
    public BigDecimal cost(Usage u) {
        return cost(u, isLongPrompt(u.inputTokens()));
    }

    /** Whether a call with this many input tokens is priced at the long-context rates. */
    public boolean isLongPrompt(long inputTokens) {
        return longContext != null && inputTokens > longContext.thresholdTokens();
    }

    /**
     * The cost of token counts all on one side of the long-context threshold: one call, or the sums of many calls
     * (the formula is linear, so the cost of the sums is the sum of the costs, exactly). For sums, the reasoning
     * count must be the sum of each call's reasoning tokens up to its output tokens.
     */
    public BigDecimal cost(Usage u, boolean longPrompt) {
        BigDecimal in = longPrompt ? longContext.inputPerMillion() : inputPerMillion;
        // LiteLLM's rule: above the threshold a cache read or write without a long-context price of its own keeps its
        // base cache price (xAI's grok-4 fast models: reads stay at 0.05 per million, not the long input's 4.0).
        BigDecimal read = longPrompt ? orElse(longContext.cacheReadPerMillion(), cacheReadPerMillion)
                : cacheReadPerMillion;
        BigDecimal write = longPrompt ? orElse(longContext.cacheWritePerMillion(), cacheWritePerMillion)
                : cacheWritePerMillion;
        BigDecimal out = longPrompt ? longContext.outputPerMillion() : outputPerMillion;
        long uncached = u.inputTokens() - u.cacheReadTokens() - u.cacheCreationTokens();
        long reasoningApart = reasoningPerMillion == null ? 0 : Math.min(u.reasoningTokens(), u.outputTokens());
        BigDecimal perMillion = tokens(uncached).multiply(in)
                .add(tokens(u.cacheReadTokens()).multiply(read))
                .add(tokens(u.cacheCreationTokens()).multiply(write))
                .add(tokens(u.outputTokens() - reasoningApart).multiply(out))
                .add(reasoningApart == 0 ? BigDecimal.ZERO : tokens(reasoningApart).multiply(reasoningPerMillion));
        return perMillion.movePointLeft(6);
    }

    /** The price of {@code quantity} of a non-token unit; null when these rates do not price that unit. */
    public BigDecimal unitCost(String unit, BigDecimal quantity) {
        BigDecimal price = unitPrices.get(unit);
        return price == null ? null : price.multiply(quantity);
    }

    /** These rates with unit prices (a token price entry that also bills requests or searches). */
    public Rates withUnitPrices(Map<String, BigDecimal> prices) {
        return new Rates(inputPerMillion, cacheReadPerMillion, cacheWritePerMillion, cacheWrite1hPerMillion,
                outputPerMillion, reasoningPerMillion, longContext,
                prices == null ? null : new TreeMap<>(prices));
    }

    /** These rates scaled by a factor (a contract discount, the batch discount). */
    public Rates scaled(BigDecimal factor) {
        SortedMap<String, BigDecimal> units = new TreeMap<>();
        unitPrices.forEach((u, p) -> units.put(u, p.multiply(factor)));
        return new Rates(times(inputPerMillion, factor), times(cacheReadPerMillion, factor),
                times(cacheWritePerMillion, factor), times(cacheWrite1hPerMillion, factor),
                times(outputPerMillion, factor), times(reasoningPerMillion, factor),
                longContext == null ? null : new LongContext(longContext.thresholdTokens(),
                        times(longContext.inputPerMillion(), factor), times(longContext.cacheReadPerMillion(), factor),
                        times(longContext.cacheWritePerMillion(), factor), times(longContext.outputPerMillion(), factor)),
                units);
    }

    private static BigDecimal times(BigDecimal value, BigDecimal factor) {
        return value == null ? null : value.multiply(factor);
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
        return value != null ? value : fallback;
    }

    private static BigDecimal tokens(long count) {
        return BigDecimal.valueOf(count);
    }
}
