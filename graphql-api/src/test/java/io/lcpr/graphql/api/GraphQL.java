package io.lcpr.graphql.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import io.lcpr.infra.DemoIssuer;
import io.restassured.response.ValidatableResponse;

/** GraphQL over HTTP as a test's caller: a token of the test JVM's issuer, which the application trusts. */
final class GraphQL {
    private GraphQL() {
    }

    static String admin() {
        return DemoIssuer.forTests().admin();
    }

    static String finance() {
        return DemoIssuer.forTests().finance();
    }

    static String member(String... teams) {
        return DemoIssuer.forTests().member(teams);
    }

    /** The answer as it is (any status, data and errors); no token when {@code token} is null. */
    static ValidatableResponse reply(String token, String query) {
        var request = given().contentType("application/json").body(Map.of("query", query));
        return (token == null ? request : request.header("Authorization", "Bearer " + token)).post("/graphql")
                .then();
    }

    /** An answer without errors. */
    static ValidatableResponse as(String token, String query) {
        return reply(token, query).statusCode(200).body("errors", nullValue());
    }
}
