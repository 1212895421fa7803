package io.lcpr.chargeback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** chargeback-service settings (environment: CHARGEBACK_...). */
@ConfigMapping(prefix = "chargeback")
public interface ChargebackConfig {
    /** reconcile-service, asked at a period close whether the newest run is current and what is left to fold. */
    @WithName("reconcile.url")
    @WithDefault("http://127.0.0.1:8083")
    String reconcileUrl();

    /** ingest-service, asked at a period close whether it holds traces of the month not yet published. */
    @WithName("ingest.url")
    @WithDefault("http://127.0.0.1:8081")
    String ingestUrl();

    /** How long a close waits for each service's answer before it counts as a reason to refuse. */
    @WithName("reconcile.timeout.ms")
    @WithDefault("5000")
    long reconcileTimeoutMs();
}
