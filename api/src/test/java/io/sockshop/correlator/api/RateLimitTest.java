package io.sockshop.correlator.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.sockshop.correlator.api.ApiTestSupport.authorised;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-client rate limit on the running app, with a budget small enough to use up in a test: a burst of
 * 5 and one request per 100 s afterwards (so no token comes back while the test runs, however slow the
 * machine). Clients are told apart by address; the profile trusts X-Forwarded-For, as behind a proxy.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(RateLimitTest.SmallBudget.class)
class RateLimitTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("correlator.api.rate-limit.requests-per-second", "0.01",
                    "correlator.api.rate-limit.burst", "5",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    private static Response from(String address, String path) {
        return authorised().header("X-Forwarded-For", address).get(path);
    }

    @Test
    void pastItsBurstAClientGets429WithAProblemAndRetryAfterWhileOthersAreServed() {
        for (int i = 0; i < 5; i++) {
            assertThat(from("10.1.0.1", "/api/v1/incidents").statusCode()).as("request %d of the burst", i + 1).isEqualTo(200);
        }
        Response refused = from("10.1.0.1", "/api/v1/scorecard");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // 100 s for the next token, less the time the burst took
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(90L, 100L);
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:sockshop-correlator:problem:too-many-requests");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(refused.jsonPath().getString("instance")).isEqualTo("/api/v1/scorecard");
        assertThat(refused.jsonPath().getString("detail")).contains("0.01 requests per second").contains("bursts of 5");
        assertThat(authorised().header("X-Forwarded-For", "10.1.0.1").contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").statusCode())
                .as("MCP is counted too").isEqualTo(429);

        assertThat(from("10.1.0.2", "/api/v1/incidents").statusCode()).as("another client").isEqualTo(200);
        assertThat(RestAssured.given().header("X-Forwarded-For", "10.1.0.1").get("/api/v1/incidents").statusCode())
                .as("without the token from the same address: its own bucket, so still a 401").isEqualTo(401);
        assertThat(RestAssured.given().header("X-Forwarded-For", "10.1.0.1").get("/q/health/live").statusCode())
                .as("health is never limited").isEqualTo(200);
    }

    @Test
    void unauthenticatedFloodsAreLimitedToo() {
        for (int i = 0; i < 5; i++) {
            assertThat(RestAssured.given().header("X-Forwarded-For", "10.2.0.1").auth().oauth2("guess-" + i)
                    .get("/api/v1/incidents").statusCode()).isEqualTo(401);
        }
        Response refused = RestAssured.given().header("X-Forwarded-For", "10.2.0.1").auth().oauth2("guess-6")
                .get("/api/v1/incidents");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(90L, 100L);
        assertThat(from("10.2.0.1", "/api/v1/incidents").statusCode()).as("the token holder at that address").isEqualTo(200);
    }

    @Test
    void theStreamIsNotCountedItHasItsOwnLimit() {
        for (int i = 0; i < 8; i++) {
            // a bad parameter answers at once, after the rate limit would have refused
            assertThat(from("10.3.0.1", "/api/v1/findings/stream?status=NOPE").statusCode()).isEqualTo(400);
        }
        assertThat(from("10.3.0.1", "/api/v1/incidents").statusCode()).isEqualTo(200);
    }
}
