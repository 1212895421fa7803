package io.lcpr.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How the outbox relay publishes. */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {
    /** Most rows published in one relay transaction. */
    @WithName("batch-size")
    @WithDefault("500")
    int batchSize();

    /** How long to wait for the broker to acknowledge a batch before rolling it back for a later retry. */
    @WithName("ack-timeout.ms")
    @WithDefault("30000")
    long ackTimeoutMs();

    /** How long published rows are kept for audit before they are deleted. */
    @WithName("retention.hours")
    @WithDefault("72")
    long retentionHours();
}
