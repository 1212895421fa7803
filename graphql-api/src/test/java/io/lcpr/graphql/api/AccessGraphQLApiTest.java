package io.lcpr.graphql.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.DemoIssuer;
import io.lcpr.infra.LocalInfraProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every query, mutation and subscription with no token (401, or UNAUTHENTICATED on a WebSocket), with a token the
 * API does not trust (401), and as a member of team A asking for team B (FORBIDDEN, or B's rows left out of a list);
 * finance and platform-admin see both. Two teams, each with a workload, statement, LCPR, incident, alert, budget and
 * baseline, arrive on the topics as their owners publish them.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class AccessGraphQLApiTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);
    static final String A = "acc-a-" + RUN;
    static final String B = "acc-b-" + RUN;
    static final String PERIOD = "2032-01";

    @TestHTTPResource("/graphql")
    URL graphql;

    static String workload(String team) {
        return team + "-w";
    }

    /** Each query and mutation naming team B or its workload: a member of A gets FORBIDDEN for every one. */
    static final Map<String, String> NAMING_B = new java.util.LinkedHashMap<>();

    static {
        String wb = workload(B);
        NAMING_B.put("workloads", "{ workloads(ownerTeam: \"" + B + "\") { name } }");
        NAMING_B.put("lcpr", "{ lcpr(period: \"" + PERIOD + "\", workload: \"" + wb + "\") { lcpr } }");
        NAMING_B.put("chargebackReport", "{ chargebackReport(team: \"" + B + "\", period: \"" + PERIOD
                + "\") { charged } }");
        NAMING_B.put("lcprOfTeam", "{ lcprOfTeam(period: \"" + PERIOD + "\", team: \"" + B + "\") { lcpr } }");
        NAMING_B.put("teamLcpr", "{ teamLcpr(period: \"" + PERIOD + "\", team: \"" + B + "\") { lcpr } }");
        NAMING_B.put("accountLcpr", "{ accountLcpr(period: \"" + PERIOD + "\", account: \"acme\") { lcpr } }");
        NAMING_B.put("incidents", "{ incidents(workload: \"" + wb + "\") { totalCount } }");
        NAMING_B.put("alerts", "{ alerts(scope: \"" + B + "\") { totalCount } }");
        NAMING_B.put("budgets", "{ budgets(scope: \"" + wb + "\") { name } }");
        NAMING_B.put("baselines", "{ baselines(workload: \"" + wb + "\") { name } }");
        NAMING_B.put("reconciliation", "{ reconciliation(period: \"" + PERIOD + "\") { period } }");
        NAMING_B.put("declareIncident", "mutation { declareIncident(incident: { name: \"x\", category: \"capacity\","
                + " workloads: [\"" + wb + "\"], startedAt: \"2032-01-05T00:00:00Z\" }) { id } }");
        NAMING_B.put("choosePolicy", "mutation { choosePolicy(period: \"" + PERIOD + "\", mode: \"uniform\","
                + " chosenBy: \"m\") { mode } }");
        NAMING_B.put("closePeriod", "mutation { closePeriod(period: \"" + PERIOD + "\", by: \"m\") { version } }");
        NAMING_B.put("setBudget", "mutation { setBudget(name: \"b\", scopeKind: \"team\", scope: \"" + B
                + "\", period: \"monthly\", amount: 1) { name } }");
    }

    /** Lists a member of A may read: only A's rows come back (each query's path to the rows' team or workload). */
    static final Map<String, String> LISTS = new java.util.LinkedHashMap<>();

    static {
        LISTS.put("teams", "{ teams { name } }|data.teams.name");
        LISTS.put("workloads", "{ workloads { name } }|data.workloads.name");
        LISTS.put("allocations", "{ allocations(period: \"" + PERIOD + "\") { team } }|data.allocations.team");
        LISTS.put("compareAllocationModes", "{ compareAllocationModes(period: \"" + PERIOD + "\") { team } }"
                + "|data.compareAllocationModes.team");
        LISTS.put("incidents", "{ incidents(from: \"2032-01-01T00:00:00Z\") { edges { node { workloads } } } }"
                + "|data.incidents.edges.node.workloads.flatten()");
        LISTS.put("incidentCostSummary", "{ incidentCostSummary(period: \"" + PERIOD + "\") { incidents } }"
                + "|data.incidentCostSummary.incidents");
        LISTS.put("alerts", "{ alerts(first: 200) { edges { node { scope } } } }|data.alerts.edges.node.scope");
        LISTS.put("budgets", "{ budgets { scope } }|data.budgets.scope");
        LISTS.put("baselines", "{ baselines { snapshot { workload } } }|data.baselines.snapshot.workload");
    }

    static ObjectNode golden(String topic) throws Exception {
        return OperationsGraphQLApiTest.golden(topic);
    }

    private static boolean published;

    /** Once per class, when the application's HTTP port is known (not in a static @BeforeAll). */
    @BeforeEach
    void twoTeamsPublishTheirData() throws Exception {
        if (published) {
            return;
        }
        published = true;
        for (String team : List.of(A, B)) {
            String w = workload(team);
            ObjectNode t = golden(Topics.TEAMS);
            t.put("team", team);
            OperationsGraphQLApiTest.send(Topics.TEAMS, team, t);
            ObjectNode wl = golden(Topics.WORKLOADS);
            wl.put("workload", w).put("ownerTeam", team);
            OperationsGraphQLApiTest.send(Topics.WORKLOADS, w, wl);
            OperationsGraphQLApiTest.send(Topics.ALLOCATIONS_MONTHLY, team, allocation(team));
            ObjectNode lcpr = golden(Topics.LCPR_COMPUTED);
            lcpr.put("period", PERIOD).put("workload", w);
            ((ObjectNode) lcpr.get("traceCostByTeam")).removeAll().put(team, 10);
            OperationsGraphQLApiTest.send(Topics.LCPR_COMPUTED, w, lcpr);
            OperationsGraphQLApiTest.send(Topics.INCIDENTS, team, incident(team, "2032-01-10T10:00:00Z"));
            OperationsGraphQLApiTest.send(Topics.ALERTS, team, alert("team", team));
            ObjectNode budget = golden(Topics.BUDGETS);
            budget.put("budget", "acc-budget-" + team).put("scopeKind", "workload").put("scope", w);
            OperationsGraphQLApiTest.send(Topics.BUDGETS, "acc-budget-" + team, budget);
            ObjectNode baseline = golden(Topics.BASELINES);
            baseline.put("name", "acc-baseline-" + team);
            ((ObjectNode) baseline.get("snapshot")).put("workload", w);
            OperationsGraphQLApiTest.send(Topics.BASELINES, "acc-baseline-" + team, baseline);
        }
        OperationsGraphQLApiTest.send(Topics.ALERTS, "openai", alert("provider", "openai-" + RUN));
        ObjectNode run = golden(Topics.RECONCILIATION_COMPLETED);
        run.put("period", PERIOD);
        OperationsGraphQLApiTest.send(Topics.RECONCILIATION_COMPLETED, PERIOD, run);
        Await.until(Duration.ofSeconds(60), "both teams' data projected", () -> {
            var r = GraphQL.as(GraphQL.admin(), "{ baselines(workload: \"" + workload(B) + "\") { name }"
                    + " budgets(scope: \"" + workload(B) + "\") { name } allocations(period: \"" + PERIOD
                    + "\") { team } incidents(workload: \"" + workload(B) + "\") { totalCount } alerts(scope: \""
                    + B + "\") { totalCount } lcpr(period: \"" + PERIOD + "\", workload: \"" + workload(B)
                    + "\") { lcpr } teams { name } reconciliation(period: \"" + PERIOD + "\") { period } }")
                    .extract();
            return r.<List<?>> path("data.baselines").size() == 1 && r.<List<?>> path("data.budgets").size() == 1
                    && r.<List<?>> path("data.allocations").size() == 2
                    && r.<Integer> path("data.incidents.totalCount") == 1
                    && r.<Integer> path("data.alerts.totalCount") == 1 && r.path("data.lcpr") != null
                    && r.<List<String>> path("data.teams.name").containsAll(List.of(A, B))
                    && r.path("data.reconciliation") != null;
        });
    }

    static ObjectNode allocation(String team) throws Exception {
        ObjectNode a = golden(Topics.ALLOCATIONS_MONTHLY);
        a.put("period", PERIOD).put("team", team);
        return a;
    }

    static ObjectNode incident(String team, String startedAt) throws Exception {
        ObjectNode inc = golden(Topics.INCIDENTS);
        inc.put("incidentId", UUID.randomUUID().toString()).put("name", "incident of " + team)
                .put("startedAt", startedAt);
        inc.set("workloads", EventJson.MAPPER.valueToTree(List.of(workload(team))));
        return inc;
    }

    static ObjectNode alert(String dimension, String scope) throws Exception {
        ObjectNode alert = golden(Topics.ALERTS);
        alert.put("alertId", UUID.randomUUID().toString()).put("dimension", dimension).put("scope", scope)
                .put("rule", "acc-rule-" + scope);
        return alert;
    }

    @Test
    void noTokenIsUnauthorizedOnEveryQueryAndMutation() {
        List<String> operations = new ArrayList<>(NAMING_B.values());
        LISTS.values().forEach(l -> operations.add(l.substring(0, l.indexOf('|'))));
        operations.add("{ periods { period } }");
        operations.add("{ workUnit(id: \"u\") { cost } }"); // a member's is checked in SuiteIT, with ingest-service
        operations.add("{ priceAt(provider: \"p\", model: \"m\", at: \"2032-01-01T00:00:00Z\") { basis } }");
        for (String operation : operations) {
            GraphQL.reply(null, operation).statusCode(401);
        }
    }

    @Test
    void aTokenTheApiDoesNotTrustIsUnauthorized() throws Exception {
        DemoIssuer stranger = DemoIssuer.in(Files.createTempDirectory("stranger-jwt"));
        GraphQL.reply(stranger.admin(), "{ teams { name } }").statusCode(401);
        Map<String, Object> expired = new java.util.HashMap<>(Map.of("iss", DemoIssuer.ISSUER, "sub", "late",
                "groups", List.of(DemoIssuer.PLATFORM_ADMIN), "iat", 1_000_000_000L, "exp", 1_000_000_600L));
        GraphQL.reply(DemoIssuer.forTests().sign(expired), "{ teams { name } }").statusCode(401);
        expired.put("iss", "https://someone.else");
        expired.put("exp", System.currentTimeMillis() / 1000 + 600);
        GraphQL.reply(DemoIssuer.forTests().sign(expired), "{ teams { name } }").statusCode(401);
    }

    @Test
    void aTokenWithoutARoleIsForbidden() {
        String none = DemoIssuer.forTests().mint("nobody", "viewer", List.of(A), Duration.ofMinutes(5));
        GraphQL.reply(none, "{ teams { name } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", containsString("none of the roles"));
    }

    @Test
    void aTeamMemberIsForbiddenEveryOperationNamingAnotherTeam() {
        String member = GraphQL.member(A);
        for (Map.Entry<String, String> op : NAMING_B.entrySet()) {
            GraphQL.reply(member, op.getValue()).statusCode(200)
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                    .body("errors[0].path[0]", equalTo(op.getKey()))
                    .body("data." + op.getKey(), nullValue());
        }
    }

    @Test
    void aTeamMemberReadsItsOwnTeam() {
        String member = GraphQL.member(A);
        String w = workload(A);
        GraphQL.as(member, "{ workloads(ownerTeam: \"" + A + "\") { name } lcpr(period: \"" + PERIOD
                + "\", workload: \"" + w + "\") { workload } chargebackReport(team: \"" + A + "\", period: \"" + PERIOD
                + "\") { team } lcprOfTeam(period: \"" + PERIOD + "\", team: \"" + A + "\") { workload }"
                + " incidents(workload: \"" + w + "\") { totalCount } alerts(scope: \"" + A + "\") { totalCount }"
                + " budgets(scope: \"" + w + "\") { name } baselines(workload: \"" + w + "\") { name }"
                + " periods { period } }")
                .body("data.workloads.name", equalTo(List.of(w)))
                .body("data.lcpr.workload", equalTo(w))
                .body("data.chargebackReport.team", equalTo(A))
                .body("data.lcprOfTeam.workload", equalTo(List.of(w)))
                .body("data.incidents.totalCount", equalTo(1))
                .body("data.alerts.totalCount", equalTo(1))
                .body("data.budgets.name", equalTo(List.of("acc-budget-" + A)))
                .body("data.baselines.name", equalTo(List.of("acc-baseline-" + A)));
    }

    /** A list leaves out what is not the member's: A's rows are there, B's and the provider's are not. */
    @Test
    void listsLeaveOutOtherTeamsRowsForAMemberAndNotForFinance() {
        for (Map.Entry<String, String> list : LISTS.entrySet()) {
            String query = list.getValue().substring(0, list.getValue().indexOf('|'));
            String path = list.getValue().substring(list.getValue().indexOf('|') + 1);
            List<Object> mine = GraphQL.as(GraphQL.member(A), query).extract().path(path);
            List<Object> all = GraphQL.as(GraphQL.finance(), query).extract().path(path);
            if (list.getKey().equals("incidentCostSummary")) { // counts: A's one incident against both teams'
                assertEquals(1, mine.stream().mapToInt(n -> ((Number) n).intValue()).sum(), list.getKey());
                assertTrue(all.stream().mapToInt(n -> ((Number) n).intValue()).sum() >= 2, list.getKey());
                continue;
            }
            Set<String> seen = new HashSet<>(mine.stream().map(String::valueOf).toList());
            assertTrue(seen.stream().allMatch(v -> v.startsWith(A)), list.getKey() + " as a member of A: " + seen);
            assertFalse(seen.isEmpty(), list.getKey() + " as a member of A is empty");
            Set<String> everything = new HashSet<>(all.stream().map(String::valueOf).toList());
            assertTrue(everything.stream().anyMatch(v -> v.startsWith(B)), list.getKey() + " as finance: "
                    + everything);
        }
        List<String> scopes = GraphQL.as(GraphQL.admin(), "{ alerts(first: 200) { edges { node { scope } } } }")
                .extract().path("data.alerts.edges.node.scope");
        assertTrue(scopes.contains("openai-" + RUN), "a provider's alert, for platform-admin: " + scopes);
    }

    @Test
    void aSubscriptionWithoutATokenIsRefused() throws Exception {
        try (Subscriber anonymous = new Subscriber(graphql, null)) {
            anonymous.subscribe("subscription { incidentDeclared { name } }");
            JsonNode refused = anonymous.next(10);
            assertEquals("UNAUTHENTICATED", Subscriber.errors(refused).get(0).path("extensions").path("code")
                    .asText(), String.valueOf(refused));
        }
    }

    @Test
    void aMemberCannotSubscribeToAnotherTeamOrToReconciliations() throws Exception {
        try (Subscriber member = new Subscriber(graphql, GraphQL.member(A))) {
            for (String query : List.of("subscription { allocationPublished(team: \"" + B + "\") { team } }",
                    "subscription { alertFired(scope: \"" + workload(B) + "\") { scope } }",
                    "subscription { reconciliationCompleted { period } }")) {
                member.subscribe(query);
                JsonNode refused = member.next(10);
                assertEquals("FORBIDDEN", Subscriber.errors(refused).get(0).path("extensions").path("code").asText(),
                        query + ": " + refused);
                if (!"error".equals(refused.path("type").asText())) { // refused by the stream: it completes
                    assertEquals("complete", member.next(10).path("type").asText(), query);
                }
            }
        }
    }

    /**
     * A member's subscriptions deliver its team's statement, incident and alert and never team B's, which arrive
     * first (a subscriber of finance receives them, so they were announced while the member listened).
     */
    @Test
    void aMembersSubscriptionsNeverDeliverAnotherTeamsEvents() throws Exception {
        String subscriptions = "{ team }|{ name workloads }|{ scope }";
        try (Subscriber member = new Subscriber(graphql, GraphQL.member(A));
                Subscriber finance = new Subscriber(graphql, GraphQL.finance())) {
            for (Subscriber s : List.of(member, finance)) {
                String[] fields = subscriptions.split("\\|");
                s.subscribe("subscription { allocationPublished " + fields[0] + " }");
                s.subscribe("subscription { incidentDeclared " + fields[1] + " }");
                s.subscribe("subscription { alertFired " + fields[2] + " }");
            }
            Thread.sleep(500); // subscribed before the events arrive
            String period = "2032-02";
            for (String team : List.of(B, A)) {
                ObjectNode a = allocation(team);
                a.put("period", period);
                OperationsGraphQLApiTest.send(Topics.ALLOCATIONS_MONTHLY, team, a);
                OperationsGraphQLApiTest.send(Topics.INCIDENTS, team, incident(team, "2032-02-03T00:00:00Z"));
                OperationsGraphQLApiTest.send(Topics.ALERTS, team, alert("workload", workload(team)));
                if (team.equals(B)) { // B's three are delivered (to finance) before A's are sent
                    List<String> toFinance = new ArrayList<>();
                    while (toFinance.size() < 3) {
                        JsonNode next = finance.next(30);
                        assertTrue(next != null, "finance received B's events: " + toFinance);
                        toFinance.add(next.path("payload").path("data").toString());
                    }
                    assertTrue(toFinance.stream().allMatch(d -> d.contains(B)), toFinance.toString());
                }
            }
            List<String> toMember = new ArrayList<>();
            while (toMember.size() < 3) {
                JsonNode next = member.next(30);
                assertTrue(next != null, "the member received A's three events: " + toMember);
                assertEquals("next", next.path("type").asText(), next.toString());
                toMember.add(next.path("payload").path("data").toString());
            }
            assertTrue(toMember.stream().allMatch(d -> d.contains(A) && !d.contains(B)), toMember.toString());
            assertNull(member.next(2), "nothing more for the member");
        }
    }
}
