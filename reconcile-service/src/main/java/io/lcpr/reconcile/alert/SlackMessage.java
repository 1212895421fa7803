package io.lcpr.reconcile.alert;

import java.util.Locale;

import io.lcpr.events.AlertV1;

/**
 * A Slack-compatible webhook body (Slack's incoming webhooks read {@code text}; other receivers read {@code alert},
 * the alerts.v1 event as published).
 */
public record SlackMessage(String text, AlertV1 alert) {

    static SlackMessage of(AlertV1 a) {
        String what = a.status().equals(AlertV1.FIRED) ? ":rotating_light: *" + a.rule() + "* fired"
                : ":white_check_mark: *" + a.rule() + "* resolved";
        String reading = a.value() == null ? "no traffic in the window"
                : a.metric() + " " + a.value().toPlainString() + (a.compared() == null ? ""
                        : " (" + a.basis() + ": " + a.compared().toPlainString() + ")");
        return new SlackMessage(String.format(Locale.ROOT, "%s for %s %s: %s, threshold %s %s, window %s to %s. %s",
                what, a.dimension(), a.scope(), reading, a.comparison(), a.threshold().toPlainString(),
                a.windowStart(), a.windowEnd(), a.evidence()), a);
    }
}
