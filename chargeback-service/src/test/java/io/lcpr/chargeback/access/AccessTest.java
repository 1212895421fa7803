package io.lcpr.chargeback.access;

import java.net.URI;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.AccessCheckedProfile;
import io.lcpr.infra.AccessMatrix;
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
    @TestHTTPResource("/")
    URI base;

    static Set<String> allowed(AccessMatrix.Endpoint e) {
        return AccessMatrix.ADMIN_OR_FINANCE;
    }

    @Test
    void everyEndpointAnswers401Or403ToWhomItIsNotFor() {
        AccessMatrix.assertEveryEndpoint(base, 15, AccessTest::allowed);
    }
}
