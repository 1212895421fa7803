package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lcpr.events.TopicSpec;
import io.lcpr.events.Topics;

/** The Strimzi topics of deploy/kubernetes are the topic list in code, and the monthly job computes no dates. */
class KafkaTopicManifestsTest {
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
