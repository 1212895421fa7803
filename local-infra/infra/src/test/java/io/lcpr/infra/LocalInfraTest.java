package io.lcpr.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lcpr.events.Topics;

class LocalInfraTest {
    static LocalInfra infra;

    @BeforeAll
    static void start() {
        infra = LocalInfraTestResource.shared();
    }

    @AfterAll
    static void noop() {
        // the shared infra is stopped by its shutdown hook
    }

    @Test
    void postgresAnswersSql() throws Exception {
        Database db = infra.database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                ResultSet rs = c.createStatement().executeQuery("select 6 * 7")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void topicsHaveContractPartitionsAndCompaction() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.TRACES, Topics.PRICING_SNAPSHOTS))
                    .allTopicNames().get();
            assertEquals(6, topics.get(Topics.TRACES).partitions().size());
            ConfigResource snapshots = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRICING_SNAPSHOTS);
            Config config = admin.describeConfigs(List.of(snapshots)).all().get().get(snapshots);
            assertEquals("compact", config.get("cleanup.policy").value());
            ConfigResource traces = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRACES);
            assertEquals("delete", admin.describeConfigs(List.of(traces)).all().get().get(traces).get("cleanup.policy").value());
        }
    }

    @Test
    void postgresUrlsAreTranslatedToJdbc() {
        Database db = Database.fromUrl("postgres://app:secret@db.internal:6432/lcpr?sslmode=require", null, null);
        assertEquals("jdbc:postgresql://db.internal:6432/lcpr?sslmode=require", db.jdbcUrl());
        assertEquals("app", db.username());
        assertEquals("secret", db.password());
    }
}
