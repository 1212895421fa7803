package io.lcpr.ingest.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.EventJson;
import io.lcpr.infra.AccessCheckedProfile;
import io.lcpr.infra.AccessMatrix;
import io.lcpr.infra.DemoIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Who may call what: traces and outcomes (JSON, NDJSON, OTLP) take a trace-sender's or platform-admin's token, a
 * work unit any role but a sender's (a team member its own teams' only), the rest platform-admin or finance.
 */
@QuarkusTest
@TestProfile(AccessCheckedProfile.class)
class AccessTest {
    @TestHTTPResource("/")
    URI base;

    static Set<String> allowed(AccessMatrix.Endpoint e) {
        String path = e.template();
        if (path.equals("/api/traces/backlog")) {
            return AccessMatrix.ADMIN_OR_FINANCE;
        }
        if (path.startsWith("/api/traces") || path.startsWith("/api/outcomes") || path.startsWith("/v1/traces")) {
            return Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.TRACE_SENDER);
        }
        if (path.startsWith("/api/work-units")) {
            return AccessMatrix.ANY_BUT_SENDER;
        }
        return AccessMatrix.ADMIN_OR_FINANCE;
    }

    @Test
    void everyEndpointAnswers401Or403ToWhomItIsNotFor() {
        AccessMatrix.assertEveryEndpoint(base, 7, AccessTest::allowed);
    }

    @Test
    void aTeamMemberReadsOnlyTheWorkUnitsOfItsOwnTeams() {
        DemoIssuer issuer = DemoIssuer.forTests();
        String ndjson = TwelveRequestTrace.traces().stream().map(EventJson::write).collect(Collectors.joining("\n"));
        given().auth().oauth2(issuer.sender()).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/traces").then().statusCode(200);
        String unit = "/api/work-units/" + TwelveRequestTrace.traces().get(0).workUnitId();
        given().auth().oauth2(issuer.member(TwelveRequestTrace.TEAM)).get(unit).then().statusCode(200);
        given().auth().oauth2(issuer.member("another-team")).get(unit).then().statusCode(403)
                .body(containsString(TwelveRequestTrace.TEAM));
        given().auth().oauth2(issuer.sender()).get(unit).then().statusCode(403);
    }
}
