package io.lcpr.chargeback.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.AccessCheckedProfile;
import io.lcpr.infra.AccessMatrix;
import io.lcpr.infra.DemoIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Who may call what: everything at chargeback-service is for platform-admin and finance (a team member reads its
 * own statements through graphql-api).
 */
@QuarkusTest
@TestProfile(AccessCheckedProfile.class)
class AccessTest {
    private static final Set<String> ADMIN = Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE);
    private static final Set<String> ANY_BUT_SENDER = Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE,
            DemoIssuer.TEAM_MEMBER);

    @TestHTTPResource("/")
    URI base;

    static Set<String> allowed(AccessMatrix.Endpoint e) {
        return ADMIN;
    }

    @Test
    void everyEndpointAnswers401Or403ToWhomItIsNotFor() {
        List<AccessMatrix.Endpoint> endpoints = AccessMatrix.endpoints(Path.of("target/classes"));
        assertTrue(endpoints.size() >= 15, endpoints.toString());
        assertEquals(List.of(), AccessMatrix.check(base, endpoints, AccessTest::allowed));
    }
}
