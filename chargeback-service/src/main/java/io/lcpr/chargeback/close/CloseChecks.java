package io.lcpr.chargeback.close;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.chargeback.ChargebackConfig;
import io.lcpr.delivery.access.ForwardedToken;
import io.lcpr.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The questions a close asks the pipeline: ingest-service, what it holds of the month not yet published
 * ({@code GET /api/traces/backlog}); reconcile-service, whether the month's newest run is on its current inputs and
 * what is still to be folded ({@code GET /api/reconciliations/freshness}). The answers are the reasons a close is
 * refused for, empty when there are none; an answer that does not come is a reason too: a month is not frozen on
 * figures nobody could check. Both are asked with the closing caller's token.
 */
@ApplicationScoped
public class CloseChecks {
    private final ChargebackConfig config;
    private final ForwardedToken token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public CloseChecks(ChargebackConfig config, ForwardedToken token) {
        this.config = config;
        this.token = token;
    }

    List<String> reasons(String period, java.util.UUID closingRun) {
        List<String> out = new ArrayList<>(ingest(period));
        out.addAll(reconcile(period, closingRun));
        return out;
    }

    private List<String> ingest(String period) {
        List<String> out = new ArrayList<>();
        try {
            HttpResponse<String> r = http.send(token.onto(HttpRequest.newBuilder(URI.create(config.ingestUrl()
                    + "/api/traces/backlog?period=" + period))).timeout(Duration.ofMillis(config.reconcileTimeoutMs()))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                out.add("ingest-service answered " + r.statusCode() + " to the backlog of " + period);
                return out;
            }
            long traces = EventJson.MAPPER.readTree(r.body()).path("traces").asLong();
            if (traces > 0) {
                out.add("ingest-service holds " + traces + " traces of " + period + " not yet published");
            }
        } catch (Exception e) {
            out.add("ingest-service at " + config.ingestUrl() + " did not answer whether it holds traces of " + period
                    + " not yet published: " + e);
        }
        return out;
    }

    private List<String> reconcile(String period, java.util.UUID closingRun) {
        List<String> out = new ArrayList<>();
        JsonNode answer;
        try {
            HttpResponse<String> r = http.send(token.onto(HttpRequest.newBuilder(URI.create(config.reconcileUrl()
                    + "/api/reconciliations/freshness?period=" + period)))
                    .timeout(Duration.ofMillis(config.reconcileTimeoutMs())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                out.add("reconcile-service answered " + r.statusCode() + " to the freshness of " + period);
                return out;
            }
            answer = EventJson.MAPPER.readTree(r.body());
        } catch (Exception e) {
            out.add("reconcile-service at " + config.reconcileUrl() + " did not answer whether " + period
                    + "'s reconciliation is current: " + e);
            return out;
        }
        if (!closingRun.toString().equals(answer.path("newestRun").asText())) {
            out.add("the newest reconciliation run of " + period + " is " + answer.path("newestRun").asText()
                    + ", not " + closingRun + " (its allocation has not reached chargeback-service yet)");
        } else if (!answer.path("current").asBoolean()) {
            out.add("the newest reconciliation of " + period + " (run " + closingRun + " at "
                    + answer.path("newestRunAt").asText() + ") is older than the period's newest inputs: run it again");
        }
        answer.path("backlog").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                out.add(e.getValue().asLong() + " records of " + e.getKey() + " are not yet folded by reconcile-service");
            }
        });
        return out;
    }
}
