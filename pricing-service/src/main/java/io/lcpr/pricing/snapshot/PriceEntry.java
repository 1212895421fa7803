package io.lcpr.pricing.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.lcpr.price.BillableUnits;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The rates of one key from effective_from, as stated by one snapshot version. Never updated. */
@Entity
@Table(name = "price_entry")
public class PriceEntry extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "version_id", nullable = false)
    public UUID versionId;
    @Column(name = "version_order", nullable = false)
    public long versionOrder;
    @Column(nullable = false, length = 64)
    public String provider;
    @Column(nullable = false)
    public String model;
    @Column(name = "service_tier", nullable = false, length = 32)
    public String serviceTier;
    @Column(nullable = false, length = 64)
    public String region;
    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;
    @Column(name = "effective_to")
    public Instant effectiveTo;
    @Column(nullable = false, length = 3)
    public String currency;
    @Column(name = "input_per_million", nullable = false, precision = 24, scale = 12)
    public BigDecimal inputPerMillion;
    @Column(name = "cache_read_per_million", nullable = false, precision = 24, scale = 12)
    public BigDecimal cacheReadPerMillion;
    @Column(name = "cache_write_per_million", nullable = false, precision = 24, scale = 12)
    public BigDecimal cacheWritePerMillion;
    @Column(name = "cache_write_1h_per_million", precision = 24, scale = 12)
    public BigDecimal cacheWrite1hPerMillion;
    @Column(name = "output_per_million", nullable = false, precision = 24, scale = 12)
    public BigDecimal outputPerMillion;
    @Column(name = "reasoning_per_million", precision = 24, scale = 12)
    public BigDecimal reasoningPerMillion;
    @Column(name = "long_context_threshold_tokens")
    public Long longContextThresholdTokens;
    @Column(name = "long_context_input_per_million", precision = 24, scale = 12)
    public BigDecimal longContextInputPerMillion;
    @Column(name = "long_context_cache_read_per_million", precision = 24, scale = 12)
    public BigDecimal longContextCacheReadPerMillion;
    @Column(name = "long_context_cache_write_per_million", precision = 24, scale = 12)
    public BigDecimal longContextCacheWritePerMillion;
    @Column(name = "long_context_output_per_million", precision = 24, scale = 12)
    public BigDecimal longContextOutputPerMillion;
    /** USD per unit of the non-token charges, as {@code unit=price,...} (BillableUnits.format). */
    @Column(name = "unit_prices", columnDefinition = "text")
    public String unitPrices;

    public Rates rates() {
        return new Rates(inputPerMillion, cacheReadPerMillion, cacheWritePerMillion, cacheWrite1hPerMillion,
                outputPerMillion, reasoningPerMillion, longContextThresholdTokens == null ? null
                        : new Rates.LongContext(longContextThresholdTokens, longContextInputPerMillion,
                                longContextCacheReadPerMillion, longContextCacheWritePerMillion,
                                longContextOutputPerMillion), BillableUnits.parse(unitPrices));
    }

    public PriceHistory.Entry toEntry() {
        return new PriceHistory.Entry(id.toString(), provider, model, serviceTier, region, effectiveFrom, effectiveTo,
                versionOrder, currency, rates());
    }
}
