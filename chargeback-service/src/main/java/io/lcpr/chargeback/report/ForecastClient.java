package io.lcpr.chargeback.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.lcpr.chargeback.ChargebackConfig;
import io.lcpr.delivery.access.ForwardedToken;
import io.lcpr.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Asks reconcile-service, which owns forecasts, for a month against the newest forecast covering it. A report
 * without it says why rather than failing: the variance is context, the charge does not depend on it.
 */
@ApplicationScoped
public class ForecastClient {
    private final ChargebackConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ForwardedToken token;

    public ForecastClient(ChargebackConfig config, ForwardedToken token) {
        this.config = config;
        this.token = token;
    }

    public ForecastVariance variance(String period, Map<String, java.math.BigDecimal> teamShares) {
        try {
            HttpResponse<String> r = http.send(token.onto(HttpRequest.newBuilder(URI.create(config.reconcileUrl()
                    + "/api/forecasts/variance?period=" + URLEncoder.encode(period, StandardCharsets.UTF_8))))
                    .timeout(Duration.ofMillis(config.reconcileTimeoutMs())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                return ForecastVariance.none("no kept forecast covers " + period);
            }
            if (r.statusCode() != 200) {
                return ForecastVariance.none("reconcile-service answered " + r.statusCode() + " for the forecast");
            }
            return ForecastVariance.of(EventJson.MAPPER.readTree(r.body()), teamShares);
        } catch (java.io.IOException e) {
            return ForecastVariance.none("reconcile-service at " + config.reconcileUrl() + " did not answer for the"
                    + " forecast: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ForecastVariance.none("interrupted asking for the forecast");
        }
    }
}
