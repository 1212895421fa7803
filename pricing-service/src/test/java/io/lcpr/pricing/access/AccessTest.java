package io.lcpr.pricing.access;

import java.net.URI;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.AccessCheckedProfile;
import io.lcpr.infra.AccessMatrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Who may call what: list prices (every read, and pricing a batch of calls) any role but a sender's; a change of
 * prices, aliases, contracts or revenue terms platform-admin or finance only.
 */
@QuarkusTest
@TestProfile(AccessCheckedProfile.class)
class AccessTest {
    @TestHTTPResource("/")
    URI base;

    static Set<String> allowed(AccessMatrix.Endpoint e) {
        boolean read = e.method().equals("GET") || e.template().equals("/api/pricing/costs");
        return read ? AccessMatrix.ANY_BUT_SENDER : AccessMatrix.ADMIN_OR_FINANCE;
    }

    @Test
    void everyEndpointAnswers401Or403ToWhomItIsNotFor() {
        AccessMatrix.assertEveryEndpoint(base, 12, AccessTest::allowed);
    }
}
