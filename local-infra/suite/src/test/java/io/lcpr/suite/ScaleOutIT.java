package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.infra.LocalInfra;
import io.lcpr.infra.Ports;
import io.lcpr.infra.TopicWriter;

/**
 * Two reconcile-service replicas in one consumer group split llm.traces.v1 and llm.outcomes.v1 between them and
 * give the month, to the cent, that the generator's own arithmetic gives (as one replica does in bench-reconcile).
 */
class ScaleOutIT {

    @Test
    void twoReplicasInOneGroupSplitTheWorkAndReconcileTheSameMonth() throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        Path work = Path.of("target", "scale-out-" + ProcessHandle.current().pid()).toAbsolutePath();
        YearMonth month = YearMonth.of(2026, 6);
        ReconcileMonth generated = new ReconcileMonth(month, 30_000);
        try (LocalInfra infra = LocalInfra.start(work, Map.of())) {
            Map<String, String> env = infra.serviceEnvironment();
            generated.prices().forEach(p -> TopicWriter.send(infra.bootstrapServers(), Topics.PRICING_SNAPSHOTS,
                    p.key(), EventJson.write(p)));
            Path logs = work.resolve("logs");
            try (ServiceProcess ingest = ServiceProcess.start(root, "ingest-service", Ports.free(), env, logs);
                    ServiceProcess first = ServiceProcess.start(root, "reconcile-service", Ports.free(), env, logs);
                    ServiceProcess second = ServiceProcess.start(root, "reconcile-service", Ports.free(), env, logs)) {
                for (ServiceProcess s : List.of(ingest, first, second)) {
                    s.awaitReady(Duration.ofSeconds(180));
                }
                ReconcileMonth.Expected expected = ReconcileBenchmark.send(ingest, generated, 2_000, 2);
                ReconcileBenchmark.awaitFolded(first, month, expected.calls, expected.outcomes,
                        new ReconcileBenchmark.LagWatch(infra.bootstrapServers()));
                double foldedByFirst = folded(first);
                double foldedBySecond = folded(second);
                assertTrue(foldedByFirst > 0 && foldedBySecond > 0, "each replica folded a share: " + foldedByFirst
                        + " and " + foldedBySecond);
                assertEquals((double) expected.calls, foldedByFirst + foldedBySecond, "every trace folded once");

                JsonNode run = Http.postJson(first.url() + "/api/reconciliations", Map.of("period", month.toString()))
                        .expect(201).json();
                ReconcileBenchmark.check(run, expected);
                // the other replica sees the same run: the inputs have not changed
                assertEquals(run.path("runId").asText(), Http.postJson(second.url() + "/api/reconciliations",
                        Map.of("period", month.toString())).expect(200).json().path("runId").asText());
            }
        }
    }

    /** reconcile_traces_folded_total of one replica, from its Prometheus endpoint. */
    private static double folded(ServiceProcess reconcile) {
        return Http.metric(reconcile.url(), "reconcile_traces_folded_total").orElse(0);
    }
}
