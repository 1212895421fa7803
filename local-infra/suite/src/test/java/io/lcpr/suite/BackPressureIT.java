package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfra;
import io.lcpr.infra.Ports;
import io.lcpr.infra.TopicReader;

/**
 * What a 200 from ingest-service promises, and what it answers when what it stands on is away: a batch answered 200
 * is in PostgreSQL even when the service is killed the moment it answered; with the broker away it keeps taking
 * batches into its outboxes up to its bound, then answers 503 with Retry-After, storing nothing of the refused
 * batch (outcomes taken meanwhile are published once it is back); with PostgreSQL away it answers 503 at once; each comes back on its own when the broker or the database
 * does, without a restart of the service.
 */
class BackPressureIT {
    private static final int BOUND = 3000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body, String retryAfter) {
    }

    @Test
    void a200IsACommitAndWhatIsAwayIsA503() throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        Path work = Path.of("target", "back-pressure-" + ProcessHandle.current().pid()).toAbsolutePath();
        try (LocalInfra infra = LocalInfra.start(work, Map.of())) {
            Map<String, String> env = new HashMap<>(infra.serviceEnvironment());
            env.put("INGEST_PUBLISH_MAX_UNPUBLISHED_RECORDS", Integer.toString(BOUND));
            env.put("INGEST_PUBLISH_BACKLOG_POLL_MS", "200");
            int port = Ports.free();
            ServiceProcess ingest = ServiceProcess.start(root, "ingest-service", port, env, work.resolve("logs"));
            try {
                ingest.awaitReady(Duration.ofSeconds(120));

                // killed the moment it answered: the batch is stored all the same
                List<String> committed = ids(500);
                assertEquals(200, post(ingest, committed).status());
                ingest.kill();
                assertEquals(committed.size(), stored(infra, committed), "a 200 is a commit");
                ingest = ServiceProcess.start(root, "ingest-service", port, env, work.resolve("logs-2"));
                ingest.awaitReady(Duration.ofSeconds(120));

                // the broker away: batches go on into the chunk tables up to the bound, then 503, nothing half-stored
                infra.stopBroker();
                List<String> verdicts = ids(300); // outcomes too: stored, counted in the backlog, published later
                Answer outcomes = post(ingest, "/api/outcomes", verdicts);
                assertEquals(200, outcomes.status(), outcomes.body());
                assertEquals(verdicts.size(), query(infra, "select count(*) from ingest.outcome where request_id"
                        + " = any(?)", verdicts));
                int accepted = verdicts.size();
                Answer refused = null;
                List<String> refusedIds = null;
                for (int i = 0; i < 40 && refused == null; i++) {
                    List<String> batch = ids(1000);
                    Answer a = post(ingest, batch);
                    if (a.status() == 200) {
                        accepted += batch.size();
                        assertEquals(batch.size(), stored(infra, batch));
                    } else {
                        assertEquals(503, a.status(), a.body());
                        refused = a;
                        refusedIds = batch;
                    }
                    Thread.sleep(250); // the backlog is counted every 200 ms
                }
                assertNotNull(refused, "a 503 once more than " + BOUND + " records wait");
                assertTrue(accepted >= BOUND, "took " + accepted + " while the broker was away, up to its bound");
                assertNotNull(refused.retryAfter(), "Retry-After on the 503");
                assertTrue(refused.body().contains("wait to be published"), refused.body());
                assertEquals(0, stored(infra, refusedIds), "nothing of the refused batch stored");

                // the broker back: the chunk tables drain and batches are taken again, no restart
                infra.startBroker();
                ServiceProcess running = ingest;
                Await.until(Duration.ofSeconds(120), "the chunk tables drained once the broker is back",
                        () -> unpublished(infra) == 0);
                String prefix = verdicts.get(0).substring(0, verdicts.get(0).lastIndexOf('-') + 1);
                var published = TopicReader.await(infra.bootstrapServers(), Topics.OUTCOMES,
                        r -> r.value().contains(prefix), verdicts.size(), Duration.ofSeconds(60));
                assertEquals(verdicts.size(), published.stream().map(r -> r.key()).distinct().count(),
                        "every outcome taken while the broker was away, published once it was back");
                Await.until(Duration.ofSeconds(30), "batches taken again", () -> post(running, ids(10)).status()
                        == 200);

                // PostgreSQL away: 503 at once, not a hang; back on its own when the database is
                infra.stopPostgres();
                Instant t0 = Instant.now();
                Answer down = post(ingest, ids(10));
                Duration took = Duration.between(t0, Instant.now());
                assertEquals(503, down.status(), down.body());
                assertNotNull(down.retryAfter(), "Retry-After on the 503");
                assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "answered in " + took);
                infra.startPostgres();
                List<String> after = ids(10);
                Await.until(Duration.ofSeconds(60), "batches taken again once the database is back",
                        () -> post(running, after).status() == 200);
                assertEquals(after.size(), stored(infra, after));
            } finally {
                ingest.close();
            }
        }
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        String prefix = "bp-" + UUID.randomUUID() + "-";
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static Answer post(ServiceProcess ingest, List<String> ids) {
        return post(ingest, "/api/traces", ids);
    }

    /** Traces of 000's first call, or eval verdicts about them, under the given request ids. */
    private static Answer post(ServiceProcess ingest, String path, List<String> ids) {
        StringBuilder ndjson = new StringBuilder();
        if (path.endsWith("outcomes")) {
            for (String id : ids) {
                ndjson.append("{\"kind\":\"eval\",\"request_id\":\"").append(id).append("\",\"passed\":true}\n");
            }
            return send(ingest, path, ndjson.toString());
        }
        for (String id : ids) { // a call of 000's trace, as a gateway would send it, under an id of its own
            com.fasterxml.jackson.databind.node.ObjectNode call = EventJson.MAPPER.valueToTree(
                    io.lcpr.demo.TwelveRequestTrace.traces().get(0));
            call.put("request_id", id).put("work_unit_id", id).put("workload", "back-pressure");
            ndjson.append(EventJson.write(call)).append('\n');
        }
        return send(ingest, path, ndjson.toString());
    }

    private static Answer send(ServiceProcess ingest, String path, String ndjson) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url() + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-ndjson")
                    .header("Authorization", LocalCredentials.senderBearer())
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (java.io.IOException e) {
            return new Answer(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long stored(LocalInfra infra, List<String> ids) throws SQLException {
        return query(infra, "select count(*) from ingest.trace where request_id = any(?)", ids);
    }

    private static long unpublished(LocalInfra infra) {
        try {
            return query(infra, "select (select count(*) from ingest.trace_chunk where published_at is null)"
                    + " + (select count(*) from ingest.outcome_chunk where published_at is null)", null);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long query(LocalInfra infra, String sql, List<String> ids) throws SQLException {
        try (Connection c = DriverManager.getConnection(infra.database().jdbcUrl(), infra.database().username(),
                infra.database().password()); PreparedStatement ps = c.prepareStatement(sql)) {
            if (ids != null) {
                ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
