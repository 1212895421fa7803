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

    /** How long a close waits for reconcile-service's answer before it counts as a reason to refuse. */
    @WithName("reconcile.timeout.ms")
    @WithDefault("5000")
    long reconcileTimeoutMs();
}
