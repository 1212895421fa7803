package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lcpr.events.TopicAccess;
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

    /**
     * Each service's KafkaUser is what TopicAccess says, which covers every incoming channel and dead-letter topic
     * of the service's application.properties; every topic has exactly one writer.
     */
    @Test
    void eachServiceMayWriteWhatItOwnsAndReadWhatItConsumes() throws Exception {
        assertEquals(KafkaTopicManifests.renderUsers(), Files.readString(root().resolve(KafkaTopicManifests.USERS)),
                "deploy/kubernetes/kafka/users.yaml differs from TopicAccess: run ./suite.sh render-topics");
        for (TopicAccess a : TopicAccess.SERVICES) {
            String properties = Files.readString(root().resolve(a.service())
                    .resolve("src/main/resources/application.properties"));
            java.util.regex.Matcher m = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[^.]+\\.(topic|"
                    + "dead-letter-queue\\.topic)=(.+)$").matcher(properties);
            while (m.find()) {
                String topic = m.group(2).trim();
                if (m.group(1).equals("topic")) {
                    assertTrue(a.reads().contains(topic), a.service() + " consumes " + topic + ": not in its reads");
                } else {
                    assertTrue(a.writes().contains(topic), a.service() + " dead-letters to " + topic);
                }
            }
        }
        for (TopicSpec t : Topics.ALL) {
            assertEquals(1, TopicAccess.ALL.stream().filter(a -> a.writes().contains(t.name())).count(),
                    "writers of " + t.name());
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
