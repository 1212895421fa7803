package io.lcpr.infra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} a real PostgreSQL server and Kafka broker (or the
 * ones named by {@code QUARKUS_DATASOURCE_JDBC_URL} or {@code DATABASE_URL}, and {@code KAFKA_BOOTSTRAP_SERVERS}).
 * One pair per test JVM: started on first use, stopped at JVM exit. Use it through {@link LocalInfraProfile}. A service that verifies tokens trusts the
 * test JVM's {@link DemoIssuer}.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {
    // System properties, not static fields, carry the addresses to the tests: a @QuarkusTest class sees this class
    // through another class loader than the one that started the infrastructure.
    private static final String BOOTSTRAP = "lcpr.test.kafka.bootstrap-servers";
    private static final String JDBC_URL = "lcpr.test.datasource.jdbc-url";
    private static final String USERNAME = "lcpr.test.datasource.username";
    private static final String PASSWORD = "lcpr.test.datasource.password";

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
        // A test profile other than the first restarts Quarkus in a new class loader, with this class's statics
        // fresh: the infrastructure the first copy started is found through the system properties instead.
        synchronized (System.getProperties()) {
            if (System.getProperty(JDBC_URL) == null) {
                LocalInfra started = shared();
                System.setProperty(BOOTSTRAP, started.bootstrapServers());
                System.setProperty(JDBC_URL, started.database().jdbcUrl());
                System.setProperty(USERNAME, started.database().username());
                System.setProperty(PASSWORD, started.database().password() == null ? ""
                        : started.database().password());
            }
        }
        Map<String, String> config = new java.util.HashMap<>(DemoIssuer.forTests().verifierConfig());
        config.put("quarkus.datasource.jdbc.url", required(JDBC_URL));
        config.put("quarkus.datasource.username", required(USERNAME));
        config.put("quarkus.datasource.password", required(PASSWORD));
        config.put("kafka.bootstrap.servers", required(BOOTSTRAP));
        return config;
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; the shutdown hook stops it
    }

    /** The test broker's address, for tests that write or read topics (also against the packaged application). */
    public static String bootstrapServers() {
        return required(BOOTSTRAP);
    }

    /** A count read straight from the test database, e.g. of a service's rows. */
    public static long count(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(required(JDBC_URL), required(USERNAME), required(PASSWORD));
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql, e);
        }
    }

    /** A statement run straight on the test database (a row a test needs in a state the service would not leave it). */
    public static int execute(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(required(JDBC_URL), required(USERNAME), required(PASSWORD));
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("test statement failed: " + sql, e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: is the test class annotated @TestProfile(LocalInfraProfile.class)?");
        }
        return value;
    }
}
