package io.sockshop.correlator.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.sockshop.correlator.api.ApiTestSupport.authorised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Raw JSON-RPC bodies posted to /mcp inside an initialised session, as a client that does not use an SDK
 * would: the shapes the MCP server fails on are answered by the guard in front of it (a tools/call without
 * a tool name used to be never answered), with the HTTP status and content type the server itself gives a
 * JSON-RPC error; everything else is still the MCP server's answer.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class McpRequestShapeGuardTest {

    private String session;
    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void initialise() {
        Response init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"guard-test\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).as(init.asString()).isEqualTo(200);
        session = init.header("Mcp-Session-Id");
        assertThat(session).isNotBlank();
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
    }

    private static Response post(String session, String body) {
        var request = authorised().contentType("application/json").accept("application/json, text/event-stream");
        if (session != null) {
            request = request.header("Mcp-Session-Id", session);
        }
        return request.body(body).post("/mcp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}|7|params.name (the tool to call) is missing",
            "{\"jsonrpc\":\"2.0\",\"id\":\"seven\",\"method\":\"tools/call\",\"params\":{\"name\":null,\"arguments\":{}}}|seven|params.name",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":42}}|8|must be a string, was a number",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":[\"list_incidents\"]}}|9|was an array",
            "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":\"list_incidents\"}|10|params must be an object",
            "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\"}|11|params must be an object"})
    void aToolCallWithoutAToolNameIsInvalidParamsWithItsId(String body, String id, String reason) {
        Response unknown = post(session, "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}");
        Response response = post(session, body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(unknown.statusCode());
        assertThat(response.contentType()).isEqualTo(unknown.contentType());
        assertThat(response.jsonPath().getInt("error.code")).isEqualTo(-32602);
        assertThat(response.jsonPath().getString("id")).isEqualTo(id);
        assertThat(response.jsonPath().getString("error.message")).startsWith("Invalid params: ").contains(reason);
    }

    /** JSON that is no JSON-RPC message: the MCP server answered 500 to these. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"null", "42", "\"text\"", "true", "[]", "[1, 2]", "[{}, 3]"})
    void jsonThatIsNoMessageIsInvalidRequest(String body) {
        Response response = post(session, body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.jsonPath().getInt("error.code")).isEqualTo(-32600);
    }

    @Test
    void anUnknownToolIsStillTheMcpServersAnswer() {
        Response unknown = post(session, "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}");
        assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(200);
        assertThat(unknown.asString()).contains("-32602").contains("no_such_tool").doesNotContain("Invalid params: params");
    }

    @Test
    void aBatchHoldingOneIsAnsweredForEveryRequestInIt() {
        Response response = post(session, "[{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/list\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}]");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("id", Integer.class)).containsExactly(21, 22);
        assertThat(response.jsonPath().getList("error.code", Integer.class)).containsExactly(-32000, -32602);
    }

    @Test
    void aGoodBatchIsTheMcpServersToAnswer() {
        Response response = post(session, "[{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"tools/list\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":32,\"method\":\"ping\"}]");
        assertThat(response.statusCode()).as(response.asString()).isLessThan(500);
        assertThat(response.asString()).contains("list_incidents").doesNotContain("-32000");
    }

    @Test
    void aNamelessToolCallNotificationIsAcceptedWithNothingToAnswer() {
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{}}").statusCode()).isEqualTo(202);
    }

    /**
     * The 2024-11 SSE transport (/mcp/sse), whose answers travel on the event stream: a tools/call without a
     * tool name is answered there with -32602 and its id (it was never answered), as an unknown tool is.
     */
    @Test
    void onTheSseTransportTheAnswerComesOnTheStream() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "mcp/sse"))
                .header("Authorization", "Bearer " + KafkaTestResource.TOKEN).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        try {
            stream.thenAccept(r -> r.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data: /")));
            String endpoint = lines.stream().filter(l -> l.startsWith("data: /")).findFirst().orElseThrow().substring(6).trim();
            for (String body : Stream.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"guard-test\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}",
                    "[{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":5},"
                            + "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}]").toList()) {
                HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + endpoint.substring(1)))
                        .header("Authorization", "Bearer " + KafkaTestResource.TOKEN).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as("%s: %s", body, posted.body()).isLessThan(300);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(String.join("\n", lines))
                    .contains("\"id\":7,\"error\":{\"code\":-32602").contains("params.name (the tool to call) is missing")
                    .contains("\"id\":8,\"error\":{\"code\":-32602").contains("\"id\":9,\"result\""));
        } finally {
            stream.cancel(true);
        }
    }
}
