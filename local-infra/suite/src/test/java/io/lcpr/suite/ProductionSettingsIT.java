package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.LocalInfra;
import io.lcpr.infra.Ports;

/**
 * A packaged service in the prod profile refuses to start on a database and broker on this machine or the demo
 * token issuer, naming the variables, unless told that this machine is meant (LCPR_LOCAL_DEFAULTS_ALLOWED, which the launcher sets).
 */
class ProductionSettingsIT {

    @Test
    void theProdProfileRefusesDevelopmentSettings() throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        Path work = Path.of("target", "prod-settings-" + ProcessHandle.current().pid()).toAbsolutePath();
        try (LocalInfra infra = LocalInfra.start(work, Map.of())) {
            Map<String, String> env = new HashMap<>(infra.serviceEnvironment());
            env.put("LCPR_LOCAL_DEFAULTS_ALLOWED", "false");
            try (ServiceProcess refused = ServiceProcess.start(root, "pricing-service", Ports.free(), env,
                    work.resolve("logs"))) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> refused.awaitReady(Duration.ofSeconds(120)));
                assertTrue(e.getMessage().contains("refusing to start in the prod profile on development settings")
                        && e.getMessage().contains("QUARKUS_DATASOURCE_JDBC_URL points at this machine")
                        && e.getMessage().contains("KAFKA_BOOTSTRAP_SERVERS points at this machine")
                        && e.getMessage().contains("MP_JWT_VERIFY_ISSUER is the local demo issuer"), e.getMessage());
            }
            env.remove("LCPR_LOCAL_DEFAULTS_ALLOWED");
            try (ServiceProcess allowed = ServiceProcess.start(root, "pricing-service", Ports.free(), env,
                    work.resolve("logs-allowed"))) {
                allowed.awaitReady(Duration.ofSeconds(120));
            }
        }
    }
}
