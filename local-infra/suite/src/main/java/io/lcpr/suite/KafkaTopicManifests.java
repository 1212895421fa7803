package io.lcpr.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lcpr.events.TopicAccess;
import io.lcpr.events.TopicSpec;
import io.lcpr.events.Topics;

/**
 * Renders the Strimzi resources of deploy/kubernetes/kafka from the contracts in code: a KafkaTopic per topic
 * (topics.yaml, from Topics: partitions, compaction, retention), so a cluster gets the topics the local launcher
 * creates, and a KafkaUser per service (users.yaml, from TopicAccess) allowed to write only what it owns and read
 * only what it consumes. {@code ./suite.sh render-topics} writes both; DeployManifestsTest fails while they differ.
 */
public final class KafkaTopicManifests {
    static final Path FILE = Path.of("deploy", "kubernetes", "kafka", "topics.yaml");
    static final Path USERS = Path.of("deploy", "kubernetes", "kafka", "users.yaml");
    /** Replicas and the in-sync minimum of a three-broker cluster: one broker may be down with no write lost. */
    static final int REPLICAS = 3;
    static final int MIN_IN_SYNC = 2;

    private KafkaTopicManifests() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder("""
                # Rendered from Topics (events/contracts) by KafkaTopicManifests: edit the topic list in code, then run
                # ./suite.sh render-topics. DeployManifestsTest fails while this file and the code differ.
                """);
        for (TopicSpec t : Topics.ALL) {
            resource(out, "KafkaTopic", t.name())
                    .append("  topicName: ").append(t.name()).append('\n')
                    .append("  partitions: ").append(t.partitions()).append('\n')
                    .append("  replicas: ").append(REPLICAS).append('\n')
                    .append("  config:\n")
                    .append("    cleanup.policy: ").append(t.compacted() ? "compact" : "delete").append('\n')
                    .append("    retention.ms: \"").append(t.retentionMs()).append("\"\n")
                    .append("    min.insync.replicas: \"").append(MIN_IN_SYNC).append("\"\n");
        }
        return out.toString();
    }

    /**
     * A SCRAM user per service (its Secret, of the same name, holds the JAAS line the service signs in with:
     * KAFKA_SASL_JAAS_CONFIG): write and describe on the topics it owns, read and describe on those it consumes, read
     * on its consumer group.
     */
    public static String renderUsers() {
        StringBuilder out = new StringBuilder("""
                # Rendered from TopicAccess (events/contracts) by KafkaTopicManifests: ./suite.sh render-topics.
                # DeployManifestsTest fails while this file and the code differ.
                """);
        for (TopicAccess a : TopicAccess.ALL) {
            resource(out, "KafkaUser", a.service())
                    .append("  authentication:\n")
                    .append("    type: scram-sha-512\n")
                    .append("  authorization:\n")
                    .append("    type: simple\n")
                    .append("    acls:\n");
            a.writes().forEach(t -> acl(out, "topic", t, "Write", "Describe"));
            a.reads().forEach(t -> acl(out, "topic", t, "Read", "Describe"));
            if (!a.reads().isEmpty()) {
                acl(out, "group", a.service(), "Read");
            }
        }
        return out.toString();
    }

    /** A Strimzi resource of the cluster, up to its spec. */
    private static StringBuilder resource(StringBuilder out, String kind, String name) {
        return out.append("---\n")
                .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                .append("kind: ").append(kind).append('\n')
                .append("metadata:\n")
                .append("  name: ").append(name).append('\n')
                .append("  namespace: kafka\n")
                .append("  labels:\n")
                .append("    strimzi.io/cluster: lcpr\n")
                .append("spec:\n");
    }

    private static void acl(StringBuilder out, String type, String name, String... operations) {
        out.append("      - resource: {type: ").append(type).append(", name: ").append(name)
                .append(", patternType: literal}\n")
                .append("        operations: [").append(String.join(", ", operations)).append("]\n");
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path file = root.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, render());
        Files.writeString(root.resolve(USERS), renderUsers());
        System.out.println("wrote " + file + " (" + Topics.ALL.size() + " topics) and " + root.resolve(USERS) + " ("
                + TopicAccess.ALL.size() + " users)");
    }
}
