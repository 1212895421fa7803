package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lcpr.events.TopicSpec;
import io.lcpr.events.Topics;

/**
 * The Strimzi topics of deploy/kubernetes are the topic list in code, the images are tagged with the project's
 * version, and the monthly job computes no dates.
 */
class DeployManifestsTest {
    static Path root() {
        return Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
    }

    @Test
    void theCommittedTopicsAreTheTopicListInCode() throws Exception {
        String committed = Files.readString(root().resolve(KafkaTopicManifests.FILE));
        assertEquals(KafkaTopicManifests.render(), committed,
                "deploy/kubernetes/kafka/topics.yaml differs from Topics: run ./suite.sh render-topics");
        for (TopicSpec t : Topics.ALL) {
            assertTrue(committed.contains("  topicName: " + t.name() + "\n  partitions: " + t.partitions() + "\n"),
                    t.name());
        }
    }

    @Test
    void everyServiceImageIsTaggedWithTheProjectVersion() throws Exception {
        String pom = Files.readString(root().resolve("pom.xml"));
        java.util.regex.Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        assertTrue(version.find());
        String kustomization = Files.readString(root().resolve("deploy/kubernetes/kustomization.yaml"));
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            String entry = "  - name: registry.example.com/inference-economics/" + s.module() + "\n    newTag: "
                    + version.group(1) + "\n";
            assertTrue(kustomization.contains(entry), "kustomization.yaml lacks " + entry);
            assertTrue(Files.readString(root().resolve("deploy/kubernetes/" + s.module() + ".yaml"))
                    .contains("image: registry.example.com/inference-economics/" + s.module() + "\n"), s.module());
        }
    }

    /** BusyBox's date cannot do month arithmetic (the job posted an empty period): the services name the month. */
    @Test
    void theMonthlyJobLeavesTheMonthToTheServices() throws Exception {
        String job = Files.readString(root().resolve("deploy/kubernetes/monthly-reconciliation.yaml"));
        String command = job.substring(job.indexOf("args:"));
        assertTrue(!Pattern.compile("\\bdate\\b").matcher(command).find(), command);
        assertTrue(command.contains("{\"period\":\"previous\"}"), command);
        assertTrue(command.contains("/api/chargeback/periods/previous/close"), command);
    }
}
