package io.lcpr.reconcile.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends queued alerts to their webhooks: deliveries are claimed in one short transaction (leased, so a second
 * sender skips them), posted outside any transaction, and marked delivered on a 2xx, or due again after a backoff
 * that doubles up to {@code reconcile.alerts.webhook.max-backoff.ms}: a webhook that is down receives every alert
 * once it is back, in order of their first attempt.
 */
@ApplicationScoped
public class AlertDeliveryService {
    private static final Logger LOG = Logger.getLogger(AlertDeliveryService.class);
    private static final int BATCH = 50;

    private final AlertWebhooks webhooks;
    private final AlertConfig config;
    private final HttpClient http;

    public AlertDeliveryService(AlertWebhooks webhooks, AlertConfig config) {
        this.webhooks = webhooks;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.webhookTimeoutMs())).build();
    }

    @Scheduled(every = "${reconcile.alerts.webhook.every.s:5}s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        sendDue();
    }

    /** Sends what is due; returns how many were delivered. */
    public int sendDue() {
        Duration lease = Duration.ofMillis(config.webhookTimeoutMs()).multipliedBy(BATCH + 1);
        List<AlertWebhooks.Due> due = QuarkusTransaction.requiringNew().call(() -> webhooks.claim(BATCH, lease));
        int delivered = 0;
        for (AlertWebhooks.Due d : due) {
            String error = post(d);
            if (error == null) {
                QuarkusTransaction.requiringNew().run(() -> webhooks.delivered(d.id()));
                delivered++;
            } else {
                long wait = Math.min(config.webhookMaxBackoffMs(),
                        config.webhookBackoffMs() << Math.min(20, d.attempts()));
                Instant retryAt = Instant.now().plusMillis(wait);
                QuarkusTransaction.requiringNew().run(() -> webhooks.failed(d.id(), error, retryAt));
                LOG.warnf("alert delivery %d to %s failed (attempt %d): %s; next attempt at %s", d.id(), d.url(),
                        d.attempts() + 1, error, retryAt);
            }
        }
        return delivered;
    }

    /** Null when the webhook took it (2xx), else why not. */
    private String post(AlertWebhooks.Due d) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(Duration.ofMillis(config.webhookTimeoutMs())).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? null
                    : "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
