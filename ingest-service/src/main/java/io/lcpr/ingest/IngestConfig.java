package io.lcpr.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Ingest limits and batching. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {
    /** How far in the future a trace's started_at may be before it is refused as a clock error. */
    @WithName("max-future-skew.ms")
    @WithDefault("300000")
    long maxFutureSkewMs();

    /** Records stored per transaction while a batch streams in. */
    @WithName("chunk-size")
    @WithDefault("1000")
    int chunkSize();
}
