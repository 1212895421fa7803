package io.lcpr.reconcile.pricing;

import java.math.BigDecimal;

import io.lcpr.reconcile.lcpr.Call;

/** Rates per million tokens of one price version. */
public record Price(BigDecimal inputPerMillion, BigDecimal cacheReadPerMillion, BigDecimal cacheWritePerMillion,
        BigDecimal outputPerMillion, String currency) {

    private static final int PER_MILLION = 6;

    /**
     * DESIGN.md section 4, exact to the fraction of a cent:
     * uncached = input - cache_read - cache_creation;
     * cost = uncached*p.input + cache_read*p.cache_read + cache_creation*p.cache_write + output*p.output
     */
    public BigDecimal cost(Call call) {
        long uncached = call.inputTokens() - call.cacheReadTokens() - call.cacheCreationTokens();
        return tokens(uncached).multiply(inputPerMillion)
                .add(tokens(call.cacheReadTokens()).multiply(cacheReadPerMillion))
                .add(tokens(call.cacheCreationTokens()).multiply(cacheWritePerMillion))
                .add(tokens(call.outputTokens()).multiply(outputPerMillion))
                .movePointLeft(PER_MILLION);
    }

    private static BigDecimal tokens(long count) {
        return BigDecimal.valueOf(count);
    }
}
