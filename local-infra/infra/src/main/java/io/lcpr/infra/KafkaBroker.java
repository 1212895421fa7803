package io.lcpr.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * An Apache Kafka broker in KRaft mode (broker and controller in one node), run as its own JVM from the Maven
 * Central jars. Its own process because the broker's Scala and logging dependencies must not meet a Quarkus class
 * path; the class path comes from the kafka-broker-classpath module, resolved without the Quarkus BOM.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/io/lcpr/infra/kafka-broker.classpath";

    private final Process process;
    private final int port;

    private KafkaBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KafkaBroker start(Path dir, int port, Duration timeout) {
        try {
            Files.createDirectories(dir);
            int controllerPort = Ports.free();
            Path config = writeConfig(dir, port, controllerPort);
            Path log = dir.resolve("broker.log");
            String classpath = classpath();
            if (!Files.exists(dir.resolve("logs/meta.properties"))) {
                String clusterId = Base64Uuid.encode(UUID.randomUUID());
                Process format = java(classpath, "kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId, "--config",
                        config.toString(), "--ignore-formatted").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("format.log").toFile()).start();
                if (format.waitFor() != 0) {
                    throw new IllegalStateException("kafka storage format failed, see " + dir.resolve("format.log"));
                }
            }
            Process process = java(classpath, "kafka.Kafka", config.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            KafkaBroker broker = new KafkaBroker(process, port);
            broker.awaitReady(timeout, log);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker did not start in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ", see " + log);
            }
            if (Ports.listening(port)) {
                try (Admin admin = Admin.create(props)) {
                    admin.describeCluster().nodes().get();
                    return;
                } catch (Exception notYet) {
                    // the listener opens before the controller quorum has elected itself
                }
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("Kafka broker not ready after " + timeout + ", see " + log);
    }

    private static Path writeConfig(Path dir, int port, int controllerPort) throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs").toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.cleaner.backoff.ms=1000",
                "");
        // static voters: a restart on a new controller port reuses the same log dir safely
        Path file = dir.resolve("server.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    private static ProcessBuilder java(String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx" + System.getenv().getOrDefault("KAFKA_BROKER_HEAP", "512m"));
        command.add("-XX:+UseSerialGC");
        command.add("-Dlog4j2.level=WARN");
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String classpath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CLASSPATH_RESOURCE + ": build local-infra/kafka-broker first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. */
    static final class Base64Uuid {
        static String encode(UUID uuid) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        }
    }
}
