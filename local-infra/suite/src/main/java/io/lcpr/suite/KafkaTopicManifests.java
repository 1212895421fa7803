package io.lcpr.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lcpr.events.TopicSpec;
import io.lcpr.events.Topics;

/**
 * Renders the Strimzi KafkaTopic resources of deploy/kubernetes/kafka/topics.yaml from the topic list in code
 * (Topics: partitions, compaction, retention), so a cluster gets the topics the local launcher creates.
 * {@code ./suite.sh render-topics} writes the file; DeployManifestsTest fails while the two differ.
 */
public final class KafkaTopicManifests {
    static final Path FILE = Path.of("deploy", "kubernetes", "kafka", "topics.yaml");
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
            out.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(t.name()).append('\n')
                    .append("  namespace: kafka\n")
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: lcpr\n")
                    .append("spec:\n")
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

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path file = root.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, render());
        System.out.println("wrote " + file + " (" + Topics.ALL.size() + " topics)");
    }
}
