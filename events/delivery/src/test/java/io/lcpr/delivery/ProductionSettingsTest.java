package io.lcpr.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProductionSettingsTest {
    @Test
    void theDevelopmentDefaultsAreNamedOneByOne() {
        assertEquals(List.of("QUARKUS_DATASOURCE_JDBC_URL points at this machine"
                + " (jdbc:postgresql://127.0.0.1:5432/postgres)", "QUARKUS_DATASOURCE_PASSWORD is the default password",
                "KAFKA_BOOTSTRAP_SERVERS points at this machine (127.0.0.1:9092)"),
                ProductionSettings.problems("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "127.0.0.1:9092"));
        assertEquals(List.of("QUARKUS_DATASOURCE_PASSWORD is empty"), ProductionSettings.problems(
                "jdbc:postgresql://lcpr-rw.databases.svc:5432/lcpr", "", "lcpr-kafka-bootstrap.kafka.svc:9092"));
        assertEquals(List.of(), ProductionSettings.problems("jdbc:postgresql://lcpr-rw.databases.svc:5432/lcpr",
                "s3cret-from-a-secret", "lcpr-kafka-bootstrap.kafka.svc:9092"));
    }

    @Test
    void openEndpointsAndTheDemoIssuerAreNamed() {
        assertEquals(List.of("LCPR_ACCESS_ENABLED is false: every endpoint is open",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION is not set: no token can be checked",
                "MP_JWT_VERIFY_ISSUER is the local demo issuer https://lcpr.local/demo"),
                ProductionSettings.accessProblems(false, "https://lcpr.local/demo", false));
        assertEquals(List.of("MP_JWT_VERIFY_ISSUER is not set"), ProductionSettings.accessProblems(true, null, true));
        assertEquals(List.of(), ProductionSettings.accessProblems(true, "https://keycloak.example/realms/lcpr", true));
    }
}
