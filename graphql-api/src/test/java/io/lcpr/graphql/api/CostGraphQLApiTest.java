package io.lcpr.graphql.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** Consumer side of lcpr.computed.v1, chargeback.allocations.monthly.v1 and reconciliation.completed.v1. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class CostGraphQLApiTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    /** A query as platform-admin, answered without errors. */
    static ValidatableResponse graphql(String query) {
        return GraphQL.as(GraphQL.admin(), query);
    }

    @Test
    void answersFromProjectedGoldenEventsOnceEach() {
        for (int i = 0; i < 2; i++) { // a replayed topic changes nothing
            TopicWriter.send(bootstrap(), Topics.LCPR_COMPUTED, "support", Goldens.read(Topics.LCPR_COMPUTED));
            TopicWriter.send(bootstrap(), Topics.ALLOCATIONS_MONTHLY, "support-platform",
                    Goldens.read(Topics.ALLOCATIONS_MONTHLY));
            TopicWriter.send(bootstrap(), Topics.RECONCILIATION_COMPLETED, "2026-04",
                    Goldens.read(Topics.RECONCILIATION_COMPLETED));
        }
        String query = """
                { lcpr(period: "2026-04", workload: "support") { loadedCost lcpr acceptedUnits unrecovered
                    calls { attemptKind calls } }
                  allocations(period: "2026-04") { team amount totalAllocated workloads { workload loadedCost } }
                  reconciliation(period: "2026-04") { accounts { status delta } } }""";
        Await.until(Duration.ofSeconds(30), "the projections", () -> {
            var answer = graphql(query).extract();
            return answer.path("data.reconciliation") != null && answer.path("data.lcpr") != null
                    && answer.<java.util.List<?>> path("data.allocations").size() > 0;
        });
        graphql(query)
                .body("data.lcpr.loadedCost", equalTo(19150.0f))
                .body("data.lcpr.acceptedUnits", equalTo(82000))
                .body("data.lcpr.unrecovered", equalTo(17500))
                .body("data.lcpr.calls.find { it.attemptKind == 'retry' }.calls", equalTo(6200))
                .body("data.allocations.size()", equalTo(1))
                .body("data.allocations[0].team", equalTo("support-platform"))
                .body("data.allocations[0].amount", equalTo(18384.0f))
                .body("data.allocations[0].workloads[0].workload", equalTo("support"))
                .body("data.reconciliation.accounts[0].status", equalTo("trusted"));
        graphql("{ reconciliation(period: \"2026-04\", provider: \"openai\", account: \"org-main\") { accounts {"
                + " billingAccount buckets { bucket amount evidence { model } } weekly { weekOf delta } } }"
                + " other: reconciliation(period: \"2026-04\", provider: \"nobody\") { accounts { status } } }")
                .body("data.reconciliation.accounts.size()", equalTo(1))
                .body("data.reconciliation.accounts[0].buckets.bucket", equalTo(java.util.List.of(
                        "credit_or_commit_adjustment", "pricing_snapshot_mismatch")))
                .body("data.reconciliation.accounts[0].weekly.size()", equalTo(1))
                .body("data.other.accounts.size()", equalTo(0));
    }

    /** LCPR beyond the workload: a team's over the workloads it owns, a customer account's, from the run's margins. */
    @Test
    void teamAndAccountLcprFromTheRunsMargins() {
        TopicWriter.send(bootstrap(), Topics.RECONCILIATION_COMPLETED, "2026-04",
                Goldens.read(Topics.RECONCILIATION_COMPLETED));
        String query = "{ teamLcpr(period: \"2026-04\", team: \"support-platform\") { scope loadedCost acceptedUnits"
                + " lcpr loadedMarginPct } accountLcpr(period: \"2026-04\", account: \"acme-health\") { scope"
                + " revenue acceptedUnits lcpr naiveMarginPct } }";
        Await.until(Duration.ofSeconds(30), "the run", () -> graphql(query).extract().path("data.teamLcpr") != null);
        graphql(query).body("data.teamLcpr.scope", equalTo("team"))
                .body("data.teamLcpr.acceptedUnits", equalTo(82000))
                .body("data.teamLcpr.lcpr", equalTo(0.233537f))
                .body("data.accountLcpr.scope", equalTo("account"))
                .body("data.accountLcpr.revenue", equalTo(45000.0f))
                .body("data.accountLcpr.naiveMarginPct", equalTo(68.4444f));
        GraphQL.reply(GraphQL.member("support-platform"), "{ accountLcpr(period: \"2026-04\", account:"
                + " \"acme-health\") { lcpr } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void unknownPeriodsAnswerNullNotAnError() {
        graphql("{ lcpr(period: \"1999-01\", workload: \"none\") { lcpr } }").body("data.lcpr", nullValue());
    }
}
