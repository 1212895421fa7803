package io.lcpr.graphql.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Registries and operations as their owners publish them (the goldens, varied the way more teams and incidents
 * would arrive): teams with their workloads at a constant number of statements, incidents paged by cursor and summed
 * by category, alerts by state, budgets, baselines, every mode side by side; and a subscription over WebSocket
 * (graphql-transport-ws) that receives an incident declared while it listens.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class OperationsGraphQLApiTest {
    @TestHTTPResource("/graphql")
    URL graphql;
    @Inject
    SessionFactory sessions;

    static ObjectNode golden(String topic) throws Exception {
        return (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(topic));
    }

    static void send(String topic, String key, ObjectNode event) {
        event.put("eventId", UUID.randomUUID().toString());
        TopicWriter.send(LocalInfraTestResource.bootstrapServers(), topic, key, event.toString());
    }

    static String team(int i) {
        return "ops-team-" + i;
    }

    void teams(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            ObjectNode t = golden(Topics.TEAMS);
            t.put("team", team(i));
            send(Topics.TEAMS, team(i), t);
            for (int w = 0; w < 2; w++) {
                ObjectNode wl = golden(Topics.WORKLOADS);
                wl.put("workload", team(i) + "-w" + w).put("ownerTeam", team(i));
                send(Topics.WORKLOADS, team(i) + "-w" + w, wl);
            }
        }
        Await.until(Duration.ofSeconds(30), to + " teams with their workloads", () -> CostGraphQLApiTest.graphql(
                "{ workloads(ownerTeam: \"" + team(to - 1) + "\") { name } }").extract().<List<?>> path(
                        "data.workloads").size() == 2 && CostGraphQLApiTest.graphql("{ teams { name } }").extract()
                                .<List<?>> path("data.teams").stream().filter(t -> t.toString().contains("ops-team"))
                                .count() == to);
    }

    /** Statements the query cost: the fewest of three runs (the counter is global; the consumers also write). */
    long statements(String query) {
        var stats = sessions.getStatistics();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = stats.getPrepareStatementCount();
            CostGraphQLApiTest.graphql(query);
            fewest = Math.min(fewest, stats.getPrepareStatementCount() - before);
        }
        return fewest;
    }

    @Test
    void teamsWithTheirWorkloadsCostAConstantNumberOfStatements() throws Exception {
        teams(0, 2);
        String query = "{ teams { name owner workloads { name workloadClass ownerTeam } } }";
        long two = statements(query);
        teams(2, 7);
        long seven = statements(query);
        assertEquals(two, seven, "statements for 2 teams and for 7");
        CostGraphQLApiTest.graphql(query).body("data.teams.find { it.name == 'ops-team-6' }.workloads.size()",
                equalTo(2)).body("data.teams.find { it.name == 'ops-team-6' }.owner", equalTo("m.okafor"));
    }

    @Test
    void incidentsPageBudgetsBaselinesAndAlerts() throws Exception {
        for (int i = 0; i < 3; i++) {
            ObjectNode inc = golden(Topics.INCIDENTS);
            inc.put("incidentId", UUID.randomUUID().toString()).put("name", "ops incident " + i)
                    .put("startedAt", "2031-0" + (i + 1) + "-10T10:00:00Z").put("category", i == 2
                            ? "cache_regression" : "model_behavior_change");
            inc.set("workloads", EventJson.MAPPER.valueToTree(List.of("ops-w")));
            send(Topics.INCIDENTS, inc.get("incidentId").asText(), inc);
        }
        ObjectNode alert = golden(Topics.ALERTS);
        alert.put("alertId", UUID.randomUUID().toString()).put("scope", "ops-scope");
        send(Topics.ALERTS, "ops-scope", alert);
        ObjectNode budget = golden(Topics.BUDGETS);
        budget.put("budget", "ops-budget").put("scope", "ops-scope");
        send(Topics.BUDGETS, "ops-budget", budget);
        ObjectNode baseline = golden(Topics.BASELINES);
        baseline.put("name", "ops-baseline");
        ((ObjectNode) baseline.get("snapshot")).put("workload", "ops-w");
        send(Topics.BASELINES, "ops-baseline", baseline);
        Await.until(Duration.ofSeconds(30), "the operations projected", () -> {
            var r = CostGraphQLApiTest.graphql("{ incidents(workload: \"ops-w\") { totalCount }"
                    + " budgets(scope: \"ops-scope\") { name } baselines(workload: \"ops-w\") { name }"
                    + " alerts(scope: \"ops-scope\") { totalCount } }").extract();
            return r.<Integer> path("data.incidents.totalCount") == 3 && r.<List<?>> path("data.budgets").size() == 1
                    && r.<List<?>> path("data.baselines").size() == 1 && r.<Integer> path("data.alerts.totalCount") == 1;
        });
        var firstPage = CostGraphQLApiTest.graphql("{ incidents(workload: \"ops-w\", first: 2) { totalCount"
                + " edges { cursor node { name totalCost } } pageInfo { endCursor hasNextPage } } }").extract();
        assertEquals(List.of("ops incident 0", "ops incident 1"), firstPage.path("data.incidents.edges.node.name"));
        assertTrue(firstPage.<Boolean> path("data.incidents.pageInfo.hasNextPage"));
        String after = firstPage.path("data.incidents.pageInfo.endCursor");
        CostGraphQLApiTest.graphql("{ incidents(workload: \"ops-w\", first: 2, after: \"" + after + "\") {"
                + " edges { node { name category } } pageInfo { hasNextPage } } }")
                .body("data.incidents.edges.node.name", equalTo(List.of("ops incident 2")))
                .body("data.incidents.pageInfo.hasNextPage", equalTo(false));
        CostGraphQLApiTest.graphql("{ incidents(workload: \"ops-w\", from: \"2031-02-01T00:00:00Z\","
                + " category: \"model_behavior_change\") { totalCount } }").body("data.incidents.totalCount",
                        equalTo(1));
        CostGraphQLApiTest.graphql("{ incidentCostSummary(period: \"2031-03\") { category incidents totalCost } }")
                .body("data.incidentCostSummary[0].category", equalTo("cache_regression"))
                .body("data.incidentCostSummary[0].incidents", equalTo(1));
        CostGraphQLApiTest.graphql("{ alerts(scope: \"ops-scope\", state: \"fired\") { edges { node { rule value } } } }")
                .body("data.alerts.edges[0].node.rule", equalTo("budget:support-monthly"));
        CostGraphQLApiTest.graphql("{ budgets(scope: \"ops-scope\") { name spent remaining state } }")
                .body("data.budgets[0].name", equalTo("ops-budget"));
        CostGraphQLApiTest.graphql("{ baselines(workload: \"ops-w\") { name snapshot { workload lcpr } } }")
                .body("data.baselines[0].snapshot.workload", equalTo("ops-w"));
        // a cursor this API did not give is refused, naming the argument
        GraphQL.reply(GraphQL.admin(), "{ incidents(after: \"bogus\") { totalCount } }").statusCode(200)
                .body("errors[0].message", containsString("after"));
    }

    /** An incident's credits: what each team's statement of its month says was granted for it, added up. */
    @Test
    void creditsGrantedAreReadFromTheStatementsOfTheIncidentsMonth() throws Exception {
        String credited = UUID.randomUUID().toString();
        String open = UUID.randomUUID().toString();
        for (String[] i : new String[][] {{credited, "2031-11-05T10:00:00Z"}, {open, "2031-12-05T10:00:00Z"}}) {
            ObjectNode inc = golden(Topics.INCIDENTS);
            inc.put("incidentId", i[0]).put("name", "credit incident " + i[1]).put("startedAt", i[1]);
            inc.set("workloads", EventJson.MAPPER.valueToTree(List.of("credit-w")));
            send(Topics.INCIDENTS, i[0], inc);
        }
        for (String[] t : new String[][] {{"credit-team-a", "10.00"}, {"credit-team-b", "5.50"}}) {
            ObjectNode a = golden(Topics.ALLOCATIONS_MONTHLY);
            a.put("period", "2031-11").put("team", t[0]);
            a.set("incidentCredits", EventJson.MAPPER.valueToTree(List.of(Map.of("incidentId", credited, "name",
                    "credit incident", "asked", new java.math.BigDecimal(t[1]), "granted",
                    new java.math.BigDecimal(t[1])))));
            send(Topics.ALLOCATIONS_MONTHLY, t[0], a);
        }
        String query = "{ incidents(workload: \"credit-w\") { edges { node { id creditsGranted } } } }";
        Await.until(Duration.ofSeconds(30), "the incidents and both statements", () -> {
            List<Object> credits = CostGraphQLApiTest.graphql(query).extract()
                    .path("data.incidents.edges.node.creditsGranted");
            return credits.size() == 2 && credits.get(0) != null
                    && new java.math.BigDecimal(credits.get(0).toString()).compareTo(new java.math.BigDecimal("15.5"))
                            == 0;
        });
        CostGraphQLApiTest.graphql(query).body("data.incidents.edges[0].node.id", equalTo(credited))
                .body("data.incidents.edges[1].node.creditsGranted", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aDeepOrHugeQueryIsRefusedBeforeItRuns() {
        StringBuilder deep = new StringBuilder("{ __schema { types { fields { type");
        for (int i = 0; i < 14; i++) {
            deep.append(" { ofType");
        }
        deep.append(" { name }");
        deep.append(" }".repeat(14)).append(" } } } }");
        GraphQL.reply(GraphQL.admin(), deep.toString()).body("errors[0].message", containsString("depth"))
                .body("data", org.hamcrest.Matchers.nullValue());
        StringBuilder huge = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            huge.append(" a").append(i).append(": teams { name owner }");
        }
        GraphQL.reply(GraphQL.admin(), huge.append(" }").toString()).body("errors[0].message", containsString("complexity"));
    }

    @Test
    void aMutationWhoseOwnerDoesNotAnswerSaysSoWithACode() {
        GraphQL.reply(GraphQL.finance(), "mutation { closePeriod(period: \"2031-09\", by: \"finance\") { version } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("OWNER_UNAVAILABLE"))
                .body("errors[0].message", containsString("chargeback-service at http://127.0.0.1:1 did not answer"));
    }

    @Test
    void everyModeSideBySide() throws Exception {
        ObjectNode a = golden(Topics.ALLOCATIONS_MONTHLY);
        a.put("period", "2031-09");
        send(Topics.ALLOCATIONS_MONTHLY, a.get("team").asText(), a);
        Await.until(Duration.ofSeconds(30), "the statement", () -> CostGraphQLApiTest.graphql(
                "{ compareAllocationModes(period: \"2031-09\") { team } }").extract().<List<?>> path(
                        "data.compareAllocationModes").size() == 1);
        var r = CostGraphQLApiTest.graphql("{ compareAllocationModes(period: \"2031-09\") { team chosenMode charged"
                + " modes { mode amount } variance } }").extract();
        String team = a.get("team").asText();
        assertEquals(team, r.path("data.compareAllocationModes[0].team"));
        assertEquals(a.get("modes").size(), r.<List<?>> path("data.compareAllocationModes[0].modes").size());
        var report = CostGraphQLApiTest.graphql("{ chargebackReport(team: \"" + team + "\", period: \"2031-09\") {"
                + " charged lastPeriod lastCharged components { component now } byWorkload { workload amount } } }");
        assertEquals(0, a.get("amount").decimalValue().compareTo(new java.math.BigDecimal(String.valueOf(
                (Object) report.extract().path("data.chargebackReport.charged")))));
        report.body("data.chargebackReport.lastPeriod", equalTo("2031-08"))
                .body("data.chargebackReport.components.size()", equalTo(a.get("components").size()));
        // the period is closed once reconciled and stated; the team's LCPR lines are the workloads it used
        ObjectNode run = golden(Topics.RECONCILIATION_COMPLETED);
        run.put("period", "2031-09");
        send(Topics.RECONCILIATION_COMPLETED, "2031-09", run);
        ObjectNode lcpr = golden(Topics.LCPR_COMPUTED);
        lcpr.put("period", "2031-09");
        send(Topics.LCPR_COMPUTED, lcpr.get("workload").asText(), lcpr);
        Await.until(Duration.ofSeconds(30), "the run of 2031-09", () -> CostGraphQLApiTest.graphql(
                "{ periods { period state } }").extract().<List<Map<String, Object>>> path("data.periods").stream()
                .anyMatch(p -> p.get("period").equals("2031-09") && p.get("state").equals("corrected")) // version 2
                && CostGraphQLApiTest.graphql("{ lcprOfTeam(period: \"2031-09\", team: \"" + team + "\") {"
                        + " workload } }").extract().<List<?>> path("data.lcprOfTeam").size() == 1);
    }

    @Test
    void aSubscriberReceivesAnIncidentDeclaredWhileItListens() throws Exception {
        try (Subscriber subscriber = new Subscriber(graphql, GraphQL.admin())) {
            subscriber.subscribe("subscription { incidentDeclared { name category totalCost } }");
            Thread.sleep(500); // the subscription is registered before the event arrives
            ObjectNode inc = golden(Topics.INCIDENTS);
            inc.put("incidentId", UUID.randomUUID().toString()).put("name", "live incident");
            send(Topics.INCIDENTS, inc.get("incidentId").asText(), inc);
            JsonNode next = subscriber.next(30);
            assertEquals("next", next.path("type").asText(), String.valueOf(next));
            assertEquals("live incident", next.path("payload").path("data").path("incidentDeclared").path("name")
                    .asText());
        }
    }
}
