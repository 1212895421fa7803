package io.lcpr.graphql.api;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;

/**
 * A graphql-transport-ws client on the JDK's WebSocket: connection_init (with the token in its Authorization field,
 * as browsers must send it), subscribe, and the messages as they come.
 */
final class Subscriber implements AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final WebSocket ws;
    private int ids;

    Subscriber(URL graphql, String token) throws Exception {
        StringBuilder partial = new StringBuilder();
        ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(graphql.toString().replace("http", "ws")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                messages.add(EventJson.MAPPER.readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        Map<String, Object> init = new HashMap<>(Map.of("type", "connection_init"));
        if (token != null) {
            init.put("payload", Map.of("Authorization", "Bearer " + token));
        }
        ws.sendText(EventJson.MAPPER.writeValueAsString(init), true).get(5, TimeUnit.SECONDS);
        JsonNode ack = next(10);
        if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
            throw new AssertionError("no connection_ack: " + ack);
        }
    }

    /** Subscribes; its id. */
    String subscribe(String query) throws Exception {
        String id = Integer.toString(++ids);
        ws.sendText(EventJson.MAPPER.writeValueAsString(Map.of("id", id, "type", "subscribe", "payload",
                Map.of("query", query))), true).get(5, TimeUnit.SECONDS);
        return id;
    }

    /** The next message, or null after {@code seconds}. */
    JsonNode next(int seconds) throws InterruptedException {
        return messages.poll(seconds, TimeUnit.SECONDS);
    }

    /**
     * The errors a message carries: an {@code error} message's payload (refused when subscribing), or those of a
     * {@code next} (a refusal the subscription's stream raised); null when it carries none.
     */
    static JsonNode errors(JsonNode message) {
        if (message == null) {
            return null;
        }
        return "error".equals(message.path("type").asText()) ? message.path("payload")
                : message.path("payload").get("errors");
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
