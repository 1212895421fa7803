package io.lcpr.ingest.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
    private static final Set<String> ADMIN = Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE);

    @TestHTTPResource("/")
    URI base;

    static Set<String> allowed(AccessMatrix.Endpoint e) {
        String path = e.template();
        if (path.equals("/api/traces/backlog")) {
            return ADMIN;
        }
        if (path.startsWith("/api/traces") || path.startsWith("/api/outcomes") || path.startsWith("/v1/traces")) {
            return Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.TRACE_SENDER);
        }
        if (path.startsWith("/api/work-units")) {
            return Set.of(DemoIssuer.PLATFORM_ADMIN, DemoIssuer.FINANCE, DemoIssuer.TEAM_MEMBER);
        }
        return ADMIN;
    }

    @Test
    void everyEndpointAnswers401Or403ToWhomItIsNotFor() {
        List<AccessMatrix.Endpoint> endpoints = AccessMatrix.endpoints(Path.of("target/classes"));
        assertTrue(endpoints.toString().contains("POST /v1/traces") && endpoints.toString().contains("POST /api/traces")
                && endpoints.toString().contains("GET /api/work-units/{id}"), endpoints.toString());
        assertEquals(List.of(), AccessMatrix.check(base, endpoints, AccessTest::allowed));
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
