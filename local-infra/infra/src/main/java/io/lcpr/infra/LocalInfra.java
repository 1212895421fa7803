package io.lcpr.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import io.lcpr.events.TopicSpec;
import io.lcpr.events.Topics;

/**
 * The suite's PostgreSQL and Kafka: the user's own when {@code DATABASE_URL} / {@code KAFKA_BOOTSTRAP_SERVERS} are
 * set, otherwise a real server and broker started here. Either way the suite's topics exist afterwards.
 */
public final class LocalInfra implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalInfra.class.getName());

    private final Database database;
    private final String bootstrapServers;
    private final Path workDir;
    private LocalPostgres postgres;
    private KafkaBroker kafka;

    private LocalInfra(Path workDir, Database database, String bootstrapServers, LocalPostgres postgres,
            KafkaBroker kafka) {
        this.workDir = workDir;
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static LocalInfra start(Path workDir, Map<String, String> env) {
        LocalPostgres postgres = null;
        KafkaBroker kafka = null;
        try {
            Database database;
            // the services' own variables, or DATABASE_URL in the postgres://user:pass@host/db form platforms give
            String databaseUrl = env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", env.get("DATABASE_URL"));
            if (databaseUrl != null && !databaseUrl.isBlank()) {
                database = Database.fromUrl(databaseUrl, env.getOrDefault("QUARKUS_DATASOURCE_USERNAME",
                        env.get("DATABASE_USERNAME")), env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD",
                                env.get("DATABASE_PASSWORD")));
                LOG.info("using PostgreSQL at " + database.jdbcUrl());
            } else {
                int port = Integer.parseInt(env.getOrDefault("LOCAL_POSTGRES_PORT", String.valueOf(Ports.free())));
                postgres = LocalPostgres.start(workDir.resolve("postgres"), port);
                database = new Database(postgres.jdbcUrl(), postgres.username(), postgres.password());
                LOG.info("started PostgreSQL at " + database.jdbcUrl());
            }
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap == null || bootstrap.isBlank()) {
                int port = Integer.parseInt(env.getOrDefault("LOCAL_KAFKA_PORT", String.valueOf(Ports.free())));
                kafka = KafkaBroker.start(workDir.resolve("kafka"), port, Duration.ofSeconds(90));
                bootstrap = kafka.bootstrapServers();
                LOG.info("started Kafka broker at " + bootstrap);
            } else {
                LOG.info("using Kafka at " + bootstrap);
            }
            createTopics(bootstrap);
            return new LocalInfra(workDir, database, bootstrap, postgres, kafka);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The environment that points a service started as its own process at this database and broker. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database().jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database().username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database().password() == null ? "" : database().password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        return env;
    }

    /** Creates the suite's topics with their partition counts, compaction and retention (Topics). */
    public static void createTopics(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            for (TopicSpec spec : Topics.ALL) {
                NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1);
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.compacted()
                        ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs())));
                try {
                    admin.createTopics(java.util.List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + spec.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker started here (a fault a test injects); its data stays for {@link #startBroker()}. */
    public synchronized void stopBroker() {
        started(kafka, "broker").close();
        kafka = null;
    }

    /** Starts the broker again on the same port and data. */
    public synchronized void startBroker() {
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        kafka = KafkaBroker.start(workDir.resolve("kafka"), port, Duration.ofSeconds(90));
    }

    /** Stops the PostgreSQL server started here; its data stays for {@link #startPostgres()}. */
    public synchronized void stopPostgres() {
        started(postgres, "PostgreSQL").close();
        postgres = null;
    }

    /** Starts PostgreSQL again on the same port and data. */
    public synchronized void startPostgres() {
        String url = database.jdbcUrl();
        int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
        postgres = LocalPostgres.start(workDir.resolve("postgres"), port);
    }

    private static <T> T started(T server, String what) {
        if (server == null) {
            throw new IllegalStateException("the " + what + " is not one started here (or is stopped already)");
        }
        return server;
    }

    @Override
    public synchronized void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
