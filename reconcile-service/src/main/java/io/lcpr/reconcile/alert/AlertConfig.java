package io.lcpr.reconcile.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Alert evaluation settings (environment: RECONCILE_ALERTS_EVERY_S, RECONCILE_ALERTS_LATENESS_MS, ...). */
@ConfigMapping(prefix = "reconcile.alerts")
public interface AlertConfig {
    /** How often the rules are evaluated over the hours that closed since. */
    @WithName("every.s")
    @WithDefault("30")
    long everyS();

    /**
     * How late a trace may arrive and still count: an hour's window is evaluated once the latest call stored started
     * this long after the hour ended. A trace later than that is folded into the signals but fires nothing already
     * evaluated.
     */
    @WithName("lateness.ms")
    @WithDefault("300000")
    long latenessMs();

    /** Windows one rule evaluates per pass at most (a rule added over weeks of history catches up in steps). */
    @WithName("max-windows-per-pass")
    @WithDefault("168")
    int maxWindowsPerPass();

    /** How often due webhook deliveries are sent. */
    @WithName("webhook.every.s")
    @WithDefault("5")
    long webhookEveryS();

    /** How long a webhook may take to answer. */
    @WithName("webhook.timeout.ms")
    @WithDefault("5000")
    long webhookTimeoutMs();

    /** The first wait before a failed delivery is tried again; it doubles each attempt, up to the maximum. */
    @WithName("webhook.backoff.ms")
    @WithDefault("1000")
    long webhookBackoffMs();

    /** The longest wait between two attempts of a delivery (it is tried until the webhook answers 2xx). */
    @WithName("webhook.max-backoff.ms")
    @WithDefault("600000")
    long webhookMaxBackoffMs();
}
