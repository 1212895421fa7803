package io.lcpr.infra;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL server and Kafka broker (or the ones named by {@code DATABASE_URL}
 * and {@code KAFKA_BOOTSTRAP_SERVERS}). One pair per test JVM: started on first use, stopped at JVM exit.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {
    private static LocalInfra infra;

    static synchronized LocalInfra shared() {
        if (infra == null) {
            Path dir = Path.of("target", "local-infra", Long.toString(ProcessHandle.current().pid()));
            infra = LocalInfra.start(dir.toAbsolutePath(), System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "local-infra-stop"));
        }
        return infra;
    }

    @Override
    public Map<String, String> start() {
        LocalInfra started = shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", started.database().jdbcUrl(),
                "quarkus.datasource.username", started.database().username(),
                "quarkus.datasource.password", started.database().password() == null ? "" : started.database().password(),
                "kafka.bootstrap.servers", started.bootstrapServers());
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; the shutdown hook stops it
    }
}
