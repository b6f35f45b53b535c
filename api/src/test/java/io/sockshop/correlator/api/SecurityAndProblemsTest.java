package io.sockshop.correlator.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.sockshop.correlator.api.ApiTestSupport.authorised;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** 401 without the token everywhere but health; 400 problems for bad parameters; never a stack trace. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SecurityAndProblemsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/incidents", "/api/v1/incidents/x", "/api/v1/service-health",
            "/api/v1/orders/6900953ac1f4320001b50703/trace", "/api/v1/impact", "/api/v1/scorecard",
            "/api/v1/findings/stream", "/q/openapi", "/q/swagger-ui/", "/q/metrics", "/mcp", "/no/such/path"})
    void everyEndpointButHealthNeedsTheToken(String path) {
        RestAssured.given().get(path).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", equalTo("send Authorization: Bearer <token>"));
        RestAssured.given().auth().oauth2("wrong-token").get(path).then().statusCode(401)
                .body("detail", equalTo("the bearer token is not valid"));
        RestAssured.given().header("Authorization", "Basic dXNlcjpwYXNz").get(path).then().statusCode(401);
    }

    @Test
    void healthIsOpenAndReportsTheStateRebuilt() {
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                RestAssured.given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'state-rebuilt-from-kafka' }.data.state", equalTo("live")));
    }

    @Test
    void openApiSwaggerUiAndMetricsWithTheToken() {
        authorised().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/incidents"))
                .body(containsString("/api/v1/findings/stream"));
        authorised().get("/q/swagger-ui/").then().statusCode(200);
        authorised().get("/q/metrics").then().statusCode(200).body(containsString("correlator_api_incidents"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/incidents?status=BROKEN|status",
            "/api/v1/incidents?limit=0|limit",
            "/api/v1/incidents?limit=201|limit",
            "/api/v1/incidents?limit=abc|limit",
            "/api/v1/incidents?from=yesterday|from",
            "/api/v1/incidents?from=2025-11-05T12:00:00Z&to=2025-11-05T11:00:00Z|to",
            "/api/v1/incidents?application=no-slash|application",
            "/api/v1/incidents?service=%3Cscript%3E|service",
            "/api/v1/incidents?pageToken=not-a-token|pageToken",
            "/api/v1/orders/not-an-order/trace|orderId",
            "/api/v1/orders/6900953AC1F4320001B5070Z/trace|orderId",
            "/api/v1/service-health?application=a/b/c|application",
            "/api/v1/impact?to=12:00|to",
            "/api/v1/scorecard?scenario=%00|scenario",
            "/api/v1/findings/stream?status=NOPE|status",
            "/api/v1/findings/stream?lastEventId=zero|Last-Event-ID",
            "/api/v1/findings/stream?lastEventId=0:-1|Last-Event-ID"})
    void badParametersGet400ProblemsNamingTheParameter(String url, String param) {
        authorised().urlEncodingEnabled(false).get(url).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid parameter"))
                .body("invalidParams[0].name", equalTo(param))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void badLastEventIdHeaderIs400() {
        authorised().header("Last-Event-ID", "1:2:3").get("/api/v1/findings/stream").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("Last-Event-ID"));
    }

    @Test
    void unknownRoutesAndMethodsGetProblemsToo() {
        authorised().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        authorised().contentType("application/json").body("{}").post("/api/v1/incidents").then().statusCode(405)
                .contentType("application/problem+json").body("detail", equalTo("the API is read-only: use GET"));
    }

    @Test
    void oversizedRequestsAreRefused() {
        authorised().contentType("application/json").body("x".repeat(200_000)).post("/api/v1/incidents")
                .then().statusCode(413);
    }

    @Test
    void corsIsOffByDefault() {
        authorised().header("Origin", "https://evil.example").get("/api/v1/incidents").then().statusCode(200)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
