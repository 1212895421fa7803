package io.lcpr.infra;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The suite's one test setup: {@code @TestProfile(LocalInfraProfile.class)} runs a {@code @QuarkusTest} (or the
 * {@code @QuarkusIntegrationTest} that extends it) against a real PostgreSQL server and Kafka broker
 * ({@link LocalInfraTestResource}, one pair per test JVM). Every test class of a service names this same profile, so
 * Quarkus starts the application once for all of them.
 */
public class LocalInfraProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalInfraTestResource.class));
    }
}
