package io.lcpr.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;

/**
 * A small JSON-over-HTTP client for the launcher, the demo loader and the end-to-end test; it asks as platform-admin
 * (LocalCredentials) unless a token is named.
 */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status and body. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return EventJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public Reply expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new IllegalStateException("unexpected HTTP " + status + ": " + body);
        }
    }

    private Http() {
    }

    public static Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /**
     * A metric on a service's Prometheus endpoint ({@code /q/metrics}), its series summed; empty when the service does
     * not expose it.
     */
    public static OptionalDouble metric(String serviceUrl, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : get(serviceUrl + "/q/metrics").body().lines().toList()) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    public static Reply post(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static Reply postJson(String url, Object body) {
        return post(url, "application/json", body instanceof String s ? s : EventJson.write(body));
    }

    public static Reply putJson(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(EventJson.write(body))));
    }

    /** Runs a GraphQL query with a bearer token and returns its {@code data}; GraphQL errors are thrown. */
    public static JsonNode graphql(String endpoint, String token, String query) {
        JsonNode reply = graphqlReply(endpoint, token, query).expect(200).json();
        if (reply.has("errors")) {
            throw new IllegalStateException("GraphQL errors: " + reply.get("errors"));
        }
        return reply.get("data");
    }

    /** A GraphQL request with a bearer token (none when null), answered as it is: status, data and errors. */
    public static Reply graphqlReply(String endpoint, String token, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(Map.of("query", query))));
        return sendAs(request, token == null ? null : "Bearer " + token);
    }

    /** Any request as the named token (none when null), answered as it is. */
    public static Reply sendAs(HttpRequest.Builder request, String authorization) {
        return exchange(authorization == null ? request : request.header("Authorization", authorization));
    }

    private static Reply send(HttpRequest.Builder request) {
        return exchange(request.header("Authorization", LocalCredentials.adminBearer()));
    }

    private static Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
