package io.lcpr.graphql.owner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.delivery.access.ForwardedToken;
import io.lcpr.events.EventJson;
import io.lcpr.graphql.GraphqlConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Forwards a mutation to the service that owns what it changes (the front door writes nothing of its own) and
 * returns the owner's answer, or its refusal as an {@link OwnerException} carrying the owner's message. The caller's
 * token goes along, so an owner that checks tokens decides again on its own.
 */
@ApplicationScoped
public class Owners {
    private final GraphqlConfig config;
    private final ForwardedToken token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Owners(GraphqlConfig config, ForwardedToken token) {
        this.config = config;
        this.token = token;
    }

    public JsonNode reconcile(String method, String path, Object body) throws OwnerException {
        return send("reconcile-service", config.reconcileUrl(), method, path, body);
    }

    /** A read of what only ingest-service keeps (a work unit's calls). */
    public JsonNode ingest(String path) throws OwnerException {
        return send("ingest-service", config.ingestUrl(), "GET", path, null);
    }

    public JsonNode chargeback(String method, String path, Object body) throws OwnerException {
        return send("chargeback-service", config.chargebackUrl(), method, path, body);
    }

    private JsonNode send(String owner, String base, String method, String path, Object body) throws OwnerException {
        HttpResponse<String> r;
        try {
            HttpRequest.Builder request = token.onto(HttpRequest.newBuilder(URI.create(base + path)))
                    .timeout(Duration.ofMillis(config.ownerTimeoutMs())).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(EventJson.write(body)));
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OwnerException.Unavailable(owner + " at " + base + " did not answer: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnerException.Unavailable("interrupted waiting for " + owner);
        }
        String message = owner + " answered " + r.statusCode() + ": " + error(r.body());
        return switch (r.statusCode() / 100) {
            case 2 -> r.body().isBlank() ? EventJson.MAPPER.nullNode() : read(r.body());
            case 4 -> throw switch (r.statusCode()) {
                case 401, 403 -> new OwnerException.Refused(message);
                case 404 -> new OwnerException.NotFound(message);
                case 409 -> new OwnerException.Conflict(message);
                default -> new OwnerException.Invalid(message);
            };
            default -> throw new OwnerException.Unavailable(message);
        };
    }

    private static JsonNode read(String body) throws OwnerException {
        try {
            return EventJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new OwnerException.Unavailable("the owner's answer is not JSON: " + e.getMessage());
        }
    }

    /** The owner's {@code error} or {@code errors} (the suite's refusal shapes), else its body. */
    private static String error(String body) {
        try {
            JsonNode n = EventJson.MAPPER.readTree(body);
            if (n.hasNonNull("error")) {
                return n.get("error").asText();
            }
            if (n.path("errors").isArray()) {
                java.util.List<String> all = new java.util.ArrayList<>();
                n.get("errors").forEach(e -> all.add(e.isTextual() ? e.asText() : e.toString()));
                return String.join("; ", all);
            }
            return body;
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }
}
