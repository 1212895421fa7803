package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every object the kustomizations of deploy/kubernetes render is valid against its schema (Kubernetes, Strimzi,
 * CloudNativePG, Prometheus Operator: deploy/validate, packages from the npm registry), and the check fails on a
 * broken one: a copy with a topic's partitions as text and a Deployment's replicas as text.
 */
class DeployManifestsIT {
    static final Path ROOT = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
    static final Path VALIDATE = ROOT.resolve("deploy/validate");

    @Test
    void everyRenderedObjectIsValid() throws Exception {
        Programs.npmInstalled(VALIDATE);
        String out = Programs.succeed(VALIDATE, Map.of(), "node", "validate.mjs", "../kubernetes",
                "../kubernetes/kafka", "../kubernetes/database");
        assertTrue(out.contains("ok      Deployment/ingest-service"), out);
        assertTrue(out.contains("ok      Cluster/lcpr") && out.contains("ok      NetworkPolicy/default-deny"), out);
        assertTrue(out.contains("ok      KafkaTopic/llm.traces.v1"), out);
        assertTrue(out.contains("ok      CronJob/monthly-reconciliation"), out);
    }

    @Test
    void aBrokenObjectFailsTheCheckNamingIt() throws Exception {
        Programs.npmInstalled(VALIDATE);
        Path copy = Files.createTempDirectory("broken-manifests");
        try {
            copyTree(ROOT.resolve("deploy/kubernetes"), copy);
            Path topics = copy.resolve("kafka/topics.yaml");
            Files.writeString(topics, Files.readString(topics).replaceFirst("partitions: 6", "partitions: six"));
            Path ingest = copy.resolve("ingest-service.yaml");
            Files.writeString(ingest, Files.readString(ingest).replaceFirst("replicas: \\d+", "replicas: two"));
            Programs.Result r = Programs.run(VALIDATE, Map.of(), "node", "validate.mjs", copy.toString(),
                    copy.resolve("kafka").toString());
            assertEquals(1, r.exit(), r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("INVALID KafkaTopic/llm.traces.raw")
                    && r.stdout().contains("spec/partitions must be integer"), r.stdout());
            assertTrue(r.stdout().contains("INVALID Deployment/ingest-service")
                    && r.stdout().contains("spec/replicas must be integer"), r.stdout());
            assertTrue(r.stdout().contains("2 invalid object(s)"), r.stdout());
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
