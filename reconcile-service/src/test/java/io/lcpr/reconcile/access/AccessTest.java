package io.lcpr.reconcile.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.AccessCheckedProfile;
import io.lcpr.infra.AccessMatrix;
import io.lcpr.infra.DemoIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Who may call what: declaring an incident, setting a budget and comparing baselines also a team member (for its
 * own teams' workloads and scopes, checked again here whatever graphql-api checked); everything else platform-admin and finance.
 */
@QuarkusTest
@TestProfile(AccessCheckedProfile.class)
class AccessTest {
    @TestHTTPResource("/")
    URI base;

    static Set<String> allowed(AccessMatrix.Endpoint e) {
        boolean teamChange = (e.method().equals("POST") && e.template().equals("/api/incidents"))
                || (e.method().equals("PUT") && e.template().equals("/api/budgets/{name}"))
                || e.template().equals("/api/baselines/compare");
        return teamChange ? AccessMatrix.ANY_BUT_SENDER : AccessMatrix.ADMIN_OR_FINANCE;
    }

    @Test
    void everyEndpointAnswers401Or403ToWhomItIsNotFor() {
        AccessMatrix.assertEveryEndpoint(base, 50, AccessTest::allowed);
    }

    @Test
    void aTeamMemberDeclaresIncidentsAndSetsBudgetsForItsOwnTeamOnly() {
        DemoIssuer issuer = DemoIssuer.forTests();
        given().auth().oauth2(issuer.admin()).contentType("application/json")
                .body(Map.of("owner_team", "acc-team-a")).put("/api/workloads/acc-chat").then().statusCode(200);
        Map<String, Object> incident = Map.of("name", "acc-slow", "category", "capacity", "workloads",
                List.of("acc-chat"), "started_at", "2026-04-03T10:00:00Z");
        given().auth().oauth2(issuer.member("acc-team-b")).contentType("application/json").body(incident)
                .post("/api/incidents").then().statusCode(403).body(containsString("acc-team-a"));
        given().auth().oauth2(issuer.member("acc-team-a")).contentType("application/json").body(incident)
                .post("/api/incidents").then().statusCode(201);

        Map<String, Object> teamBudget = Map.of("scope_kind", "team", "scope", "acc-team-a", "period", "monthly",
                "amount", 100);
        given().auth().oauth2(issuer.member("acc-team-b")).contentType("application/json").body(teamBudget)
                .put("/api/budgets/acc-a").then().statusCode(403);
        given().auth().oauth2(issuer.member("acc-team-a")).contentType("application/json").body(teamBudget)
                .put("/api/budgets/acc-a").then().statusCode(200);
        given().auth().oauth2(issuer.member("acc-team-a")).contentType("application/json")
                .body(Map.of("scope_kind", "workload", "scope", "acc-chat", "period", "daily", "amount", 5))
                .put("/api/budgets/acc-chat").then().statusCode(200);
        given().auth().oauth2(issuer.member("acc-team-a")).contentType("application/json")
                .body(Map.of("scope_kind", "project", "scope", "acc-project", "period", "daily", "amount", 5))
                .put("/api/budgets/acc-project").then().statusCode(403).body(containsString("no team"));
        given().auth().oauth2(issuer.finance()).contentType("application/json")
                .body(Map.of("scope_kind", "project", "scope", "acc-project", "period", "daily", "amount", 5))
                .put("/api/budgets/acc-project").then().statusCode(200);
    }
}
