package io.lcpr.price;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;

class RatesTest {
    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    // claude-sonnet-4-5 as LiteLLM prices it: $3 / $15, cache read $0.30, write $3.75; above 200k: $6 / $22.50
    static final Rates SONNET = new Rates(d("3"), d("0.3"), d("3.75"), null, d("15"), null,
            new Rates.LongContext(200_000, d("6"), d("0.6"), d("7.5"), d("22.5")));

    @Test
    void aPromptAboveTheThresholdRepricesTheWholeRequest() {
        // 200,000 input exactly: base rates. 200,000 x $3 + 1,000 x $15 = $0.615
        assertEquals(0, d("0.615").compareTo(SONNET.cost(new Rates.Usage(200_000, 0, 0, 1_000, 0))));
        // 200,001 input: all at the long-context rates. 200,001 x $6 + 1,000 x $22.50 = $1.222506
        assertEquals(0, d("1.222506").compareTo(SONNET.cost(new Rates.Usage(200_001, 0, 0, 1_000, 0))));
        // cache reads and writes follow the tier too: 100k read x $0.60 + 50k write x $7.50 + 60,001 x $6
        assertEquals(0, d("0.795006").compareTo(SONNET.cost(new Rates.Usage(210_001, 100_000, 50_000, 0, 0))));
    }

    @Test
    void aboveTheThresholdACacheWithoutALongContextPriceKeepsItsBaseCachePrice() {
        // xAI grok-4-fast as LiteLLM lists it: $0.20 / $0.50, cache read $0.05; above 128k: $0.40 / $1.00, no cache
        Rates grok = new Rates(d("0.2"), d("0.05"), d("0.2"), null, d("0.5"), null,
                new Rates.LongContext(128_000, d("0.4"), null, null, d("1")));
        // 100,000 uncached x $0.40 + 50,000 read x $0.05 + 10,000 written x $0.20 + 1,000 out x $1 = $0.0455
        assertEquals(0, d("0.0455").compareTo(grok.cost(new Rates.Usage(160_000, 50_000, 10_000, 1_000, 0))));
    }

    @Test
    void reasoningTokensArePricedApartOnlyWhenTheSnapshotSaysSo() {
        Rates apart = new Rates(d("1"), d("1"), d("1"), null, d("4"), d("12"), null);
        // 1,000 output of which 400 reasoning: 600 x $4 + 400 x $12 = $0.0072
        assertEquals(0, d("0.0072").compareTo(apart.cost(new Rates.Usage(0, 0, 0, 1_000, 400))));
        Rates together = Rates.simple(d("1"), d("1"), d("1"), d("4"));
        assertEquals(0, d("0.004").compareTo(together.cost(new Rates.Usage(0, 0, 0, 1_000, 400))));
    }

    @Test
    void aContractBatchDiscountIsUsedAndNamed() {
        PriceHistory h = new PriceHistory().add(new PriceHistory.Entry("e", "openai", "m", "standard", "",
                Instant.parse("2026-01-01T00:00:00Z"), null, 1, "USD", Rates.simple(d("2"), d("1"), d("2"), d("8"))))
                .batchFactor("openai", d("0.6"));
        PriceHistory.Quote q = h.quote("openai", "m", "batch", null, Instant.parse("2026-02-01T00:00:00Z")).orElseThrow();
        assertEquals("contract_batch_discount", q.basis());
        assertEquals(0, d("1.2").compareTo(q.rates().inputPerMillion()));
    }

    @Test
    void aPriceChangeInsideAWindowIsSeenAndOneOnItsEdgeIsNot() {
        PriceHistory h = new PriceHistory().add(new PriceHistory.Entry("a", "openai", "m", "standard", "",
                Instant.parse("2026-04-01T00:00:00Z"), null, 1, "USD", SONNET)).add(new PriceHistory.Entry("b",
                        "openai", "m", "standard", "", Instant.parse("2026-04-14T10:30:00Z"), null, 2, "USD", SONNET));
        Instant hour = Instant.parse("2026-04-14T10:00:00Z");
        assertEquals(true, h.changesWithin(hour, hour.plusSeconds(3600)));
        assertEquals(false, h.changesWithin(hour.plusSeconds(1800), hour.plusSeconds(3600)), "a start on the edge");
        assertEquals(false, h.changesWithin(Instant.parse("2026-04-01T00:00:00Z"),
                Instant.parse("2026-04-01T01:00:00Z")));
    }
}
