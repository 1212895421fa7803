package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.infra.DemoIssuer;
import io.lcpr.infra.LocalInfra;
import io.lcpr.infra.Ports;
import io.lcpr.infra.TopicWriter;

/**
 * Two graphql-api replicas, as the manifests run them: a subscriber on either receives an incident published on
 * incidents.v1 (one partition, which the replicas' shared projection group gives to one of them only).
 */
class GraphqlReplicasIT {

    @Test
    void aSubscriberOnEitherReplicaReceivesEveryEvent() throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        Path work = Path.of("target", "graphql-replicas-" + ProcessHandle.current().pid()).toAbsolutePath();
        DemoIssuer issuer = LocalCredentials.issuer(); // the one ServiceProcess makes the replicas trust
        try (LocalInfra infra = LocalInfra.start(work, Map.of())) {
            Map<String, String> env = new HashMap<>(infra.serviceEnvironment());
            env.put("HOSTNAME", "replica-a");
            try (ServiceProcess a = ServiceProcess.start(root, "graphql-api", Ports.free(), env, work.resolve("a"))) {
                env.put("HOSTNAME", "replica-b");
                try (ServiceProcess b = ServiceProcess.start(root, "graphql-api", Ports.free(), env,
                        work.resolve("b"))) {
                    a.awaitReady(Duration.ofSeconds(180));
                    b.awaitReady(Duration.ofSeconds(180));
                    List<LinkedBlockingQueue<JsonNode>> received = List.of(subscribe(a, issuer), subscribe(b, issuer));
                    Thread.sleep(2000); // both subscriptions registered, both announce consumers assigned
                    ObjectNode incident = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(Topics.INCIDENTS));
                    String name = "replicated incident " + UUID.randomUUID();
                    incident.put("eventId", UUID.randomUUID().toString()).put("name", name);
                    TopicWriter.send(infra.bootstrapServers(), Topics.INCIDENTS, "k", incident.toString());
                    for (LinkedBlockingQueue<JsonNode> queue : received) {
                        JsonNode next = nextData(queue);
                        assertTrue(next != null, "each replica's subscriber received the incident");
                        assertEquals(name, next.path("payload").path("data").path("incidentDeclared").path("name")
                                .asText(), next.toString());
                    }
                }
            }
        }
    }

    /** A graphql-transport-ws subscription to incidentDeclared as finance; the messages as they come. */
    private static LinkedBlockingQueue<JsonNode> subscribe(ServiceProcess replica, DemoIssuer issuer)
            throws Exception {
        LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(replica.url().replace("http", "ws") + "/graphql"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(EventJson.read(partial.toString(), JsonNode.class));
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText(EventJson.write(Map.of("type", "connection_init", "payload",
                Map.of("Authorization", "Bearer " + issuer.finance()))), true).get(5, TimeUnit.SECONDS);
        assertEquals("connection_ack", messages.poll(10, TimeUnit.SECONDS).path("type").asText());
        ws.sendText(EventJson.write(Map.of("id", "1", "type", "subscribe", "payload",
                Map.of("query", "subscription { incidentDeclared { name } }"))), true).get(5, TimeUnit.SECONDS);
        return messages;
    }

    private static JsonNode nextData(LinkedBlockingQueue<JsonNode> queue) throws InterruptedException {
        JsonNode m;
        while ((m = queue.poll(30, TimeUnit.SECONDS)) != null) {
            if ("next".equals(m.path("type").asText())) {
                return m;
            }
        }
        return null;
    }
}
