package io.lcpr.reconcile.invoice.pull;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.SharedData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The scheduled pull against a local stub of the provider admin APIs (a provider is outside the suite: the one thing
 * a stub stands in for), serving the example payloads of shared/data/examples as they are, with a second page where
 * they say there is one, a 429 before the first page, and a 401 for a wrong key.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class ProviderPullTest {
    static final String KEY = "test-admin-key"; // the value of config key provider-stub.admin-key in %test
    static HttpServer stub;
    static final List<String> seen = new CopyOnWriteArrayList<>();
    static final AtomicInteger throttled = new AtomicInteger();

    @BeforeAll
    static void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/organization/costs", ex -> {
            if (!authorized(ex, "Authorization", "Bearer " + KEY)) {
                return;
            }
            if (throttled.getAndIncrement() == 0) {
                ex.getResponseHeaders().add("Retry-After", "0");
                reply(ex, 429, "{\"error\":{\"message\":\"rate limited\"}}");
            } else {
                reply(ex, 200, ex.getRequestURI().getQuery().contains("page=p2") ? example("openai_costs_response.json")
                        : """
                                {"object":"page","data":[{"object":"bucket","start_time":1730419200,"end_time":1730505600,
                                "results":[{"object":"organization.costs.result","amount":{"value":12.5,"currency":"usd"},
                                "line_item":"gpt-4o-2024-08-06, input","project_id":"proj_abc","quantity":5000000,
                                "quantity_unit":"tokens"}]}],"has_more":true,"next_page":"p2"}
                                """);
            }
        });
        stub.createContext("/v1/organization/usage/completions", ex -> {
            if (authorized(ex, "Authorization", "Bearer " + KEY)) {
                reply(ex, 200, ex.getRequestURI().getQuery().contains("page=") ? EMPTY_PAGE
                        : example("openai_usage_completions_response.json"));
            }
        });
        stub.createContext("/v1/organizations/cost_report", ex -> {
            if (authorized(ex, "x-api-key", KEY)) {
                reply(ex, 200, example("anthropic_cost_report_response.json"));
            }
        });
        stub.createContext("/v1/organizations/usage_report/messages", ex -> {
            if (authorized(ex, "x-api-key", KEY)) {
                reply(ex, 200, ex.getRequestURI().getQuery().contains("page=") ? EMPTY_PAGE
                        : example("anthropic_usage_report_messages_response.json"));
            }
        });
        stub.start();
    }

    static final String EMPTY_PAGE = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

    @AfterAll
    static void stopStub() {
        stub.stop(0);
    }

    @Test
    void anOpenAiAccountIsPulledPageByPageThroughA429AndImportedOnce() {
        define("stub-openai", "openai", "config:provider-stub.admin-key");
        given().contentType("application/json").body(Map.of("period", "2024-11"))
                .post("/api/invoices/pull-accounts/stub-openai/pulls").then().statusCode(200)
                .body("reports[0].path", equalTo("/v1/organization/costs"))
                .body("reports[0].pages", equalTo(2))
                .body("reports[0].imported.lines", equalTo(2))
                .body("reports[0].imported.created", equalTo(true))
                .body("reports[1].pages", equalTo(2))
                .body("reports[1].imported.lines", equalTo(5));
        assertEquals(3, throttled.get(), "one 429, then the two pages");
        assertTrue(seen.stream().anyMatch(q -> q.contains("start_time=1730419200") && q.contains("page=p2")), seen
                .toString());
        // the same reports again: the same imports, nothing new
        given().contentType("application/json").body(Map.of("period", "2024-11"))
                .post("/api/invoices/pull-accounts/stub-openai/pulls").then().statusCode(200)
                .body("reports[0].imported.created", equalTo(false))
                .body("reports[1].imported.created", equalTo(false));
        given().get("/api/invoices/pull-accounts").then().statusCode(200)
                .body("find { it.name == 'stub-openai' }.lastStatus", equalTo("ok"));
    }

    @Test
    void anAnthropicAccountIsPulledWithItsOwnHeadersAndTimes() {
        define("stub-anthropic", "anthropic", "config:provider-stub.admin-key");
        given().contentType("application/json").body(Map.of("period", "2026-08"))
                .post("/api/invoices/pull-accounts/stub-anthropic/pulls").then().statusCode(200)
                .body("reports[0].imported.lines", equalTo(2))
                .body("reports[1].pages", equalTo(2))
                .body("reports[1].imported.lines", equalTo(6));
        assertTrue(seen.stream().anyMatch(q -> q.contains("starting_at=2026-08-01T00%3A00%3A00Z")), seen.toString());
    }

    @Test
    void aWrongKeyFailsWithTheProvidersAnswerAndTheSecretIsNeverTakenInline() {
        define("stub-wrong", "openai", "config:provider-stub.wrong-key");
        given().contentType("application/json").body(Map.of("period", "2024-11"))
                .post("/api/invoices/pull-accounts/stub-wrong/pulls").then().statusCode(502)
                .body("error", containsString("401"));
        given().get("/api/invoices/pull-accounts").then().statusCode(200)
                .body("find { it.name == 'stub-wrong' }.lastStatus", equalTo("failed"));
        given().contentType("application/json").body(Map.of("provider", "openai", "api", "openai", "base_url",
                "http://x", "credential_ref", "sk-admin-123")).put("/api/invoices/pull-accounts/inline").then()
                .statusCode(400).body("error", containsString("not the secret itself"));
        define("stub-unset", "openai", "env:LCPR_TEST_UNSET_ADMIN_KEY");
        given().contentType("application/json").body(Map.of("period", "2024-11"))
                .post("/api/invoices/pull-accounts/stub-unset/pulls").then().statusCode(502)
                .body("error", containsString("no credential at env:LCPR_TEST_UNSET_ADMIN_KEY"));
    }

    private static void define(String name, String api, String credentialRef) {
        given().contentType("application/json").body(Map.of("provider", api, "api", api, "base_url",
                "http://127.0.0.1:" + stub.getAddress().getPort(), "billing_account", "org-pull", "credential_ref",
                credentialRef)).put("/api/invoices/pull-accounts/" + name).then().statusCode(200);
    }

    private static boolean authorized(HttpExchange ex, String header, String value) throws IOException {
        seen.add(ex.getRequestURI().getRawQuery());
        if (!value.equals(ex.getRequestHeaders().getFirst(header))) {
            reply(ex, 401, "{\"error\":{\"message\":\"invalid admin key\"}}");
            return false;
        }
        return true;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String example(String file) throws IOException {
        return Files.readString(SharedData.file("examples/" + file));
    }
}
