package io.sockshop.correlator.api;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.health.HealthStatus;
import io.sockshop.correlator.model.kafka.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sockshop.correlator.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The MCP tools, listed and called through the official MCP Java SDK's client over Streamable HTTP. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class McpToolsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "correlator.api.topic-prefix")
    String prefix;
    @TestHTTPResource("/")
    URL base;

    private McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(base.toString().replaceAll("/$", ""))
                .endpoint("/mcp")
                .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void toolsAreListedWithJsonSchemasAndCallable() {
        String app = ApiTestSupport.uniqueApplication();
        String incidentId = Fixtures.incidentId(app, Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", T0);
        Finding finding = Fixtures.paymentDown(app, incidentId, 1, IncidentStatus.OPEN, T0.plusSeconds(40),
                Fixtures.FAILED_ORDER_IDS);
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            writer.commit(Topics.INCIDENTS.withPrefix(prefix), List.of(Events.incident(Fixtures.incident(List.of(finding)))));
            writer.commit(Topics.SERVICE_HEALTH.withPrefix(prefix), List.of(Events.serviceHealth(
                    Fixtures.health(app, "payment", HealthStatus.DOWN, 1, 0, 0, List.of(), T0.plusSeconds(40)))));
            writer.commit(Topics.DATADOG_LOGS.withPrefix(prefix), GuideOrderSequence.lines(app));
        }
        try (McpSyncClient mcp = client(KafkaTestResource.TOKEN)) {
            mcp.initialize();
            McpSchema.ListToolsResult tools = mcp.listTools();
            assertThat(tools.tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
                    "list_incidents", "get_incident", "get_service_health", "trace_order", "get_scorecard");
            McpSchema.Tool trace = tools.tools().stream().filter(t -> t.name().equals("trace_order")).findFirst().orElseThrow();
            assertThat(trace.inputSchema()).containsEntry("type", "object");
            assertThat(properties(trace)).containsKey("orderId");
            assertThat(trace.inputSchema().get("required")).isEqualTo(List.of("orderId"));
            McpSchema.Tool list = tools.tools().stream().filter(t -> t.name().equals("list_incidents")).findFirst().orElseThrow();
            assertThat(properties(list)).containsKeys("status", "application", "signature", "service",
                    "from", "to", "limit");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(text(mcp.callTool(call("list_incidents", Map.of("application", app)))))
                            .contains(incidentId));
            assertThat(text(mcp.callTool(call("get_incident", Map.of("incidentId", incidentId)))))
                    .contains("\"failedOrders\"").contains(Fixtures.ORDER_ID).contains("\"timeline\"");
            assertThat(text(mcp.callTool(call("get_service_health", Map.of("application", app, "service", "payment")))))
                    .contains("\"status\":\"DOWN\"").contains(incidentId);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(text(mcp.callTool(call("trace_order", Map.of("orderId", Fixtures.ORDER_ID, "application", app)))))
                            .contains("\"finalStatus\":\"PAYMENT_FAILED\"").contains(incidentId));
            assertThat(text(mcp.callTool(call("get_scorecard", Map.of())))).contains("\"totals\"");

            McpSchema.CallToolResult bad = mcp.callTool(call("trace_order", Map.of("orderId", "42")));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).contains("orderId must be 24 hexadecimal digits");
            McpSchema.CallToolResult badStatus = mcp.callTool(call("list_incidents", Map.of("status", "sleeping")));
            assertThat(badStatus.isError()).isTrue();
        }
    }

    @Test
    void mcpNeedsTheTokenToo() {
        try (McpSyncClient mcp = client("wrong")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(mcp::initialize).isInstanceOf(RuntimeException.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(McpSchema.Tool tool) {
        return (Map<String, Object>) tool.inputSchema().get("properties");
    }

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> args) {
        return new McpSchema.CallToolRequest(tool, args);
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce("", String::concat);
    }
}
