package io.sockshop.correlator.sandbox.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockshop.correlator.sandbox.MutableClock;
import io.sockshop.correlator.sandbox.logs.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's Datadog API answers in the shape of the recorded exchanges of the real one. */
class DatadogApiServerTest {

    private static final Instant T = Instant.parse("2025-11-05T21:00:30Z");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(T);
    private LogStore logs;
    private MetricStore metrics;
    private DatadogApiServer server;

    @BeforeEach
    void start() throws Exception {
        logs = new LogStore(Duration.ofSeconds(2), Duration.ofHours(1), 10_000);
        metrics = new MetricStore(Duration.ofHours(1));
        server = new DatadogApiServer(0, logs, metrics, new RateLimiter(5, Duration.ofSeconds(60)), clock);
        for (int i = 0; i < 5; i++) {
            logs.add(log("id-" + i, T.minusSeconds(60 - i), i % 2 == 0 ? "orders" : "catalogue", "line " + i), T.minusSeconds(60 - i));
        }
        logs.add(log("late", T.plusSeconds(1), "orders", "just written"), T.plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            metrics.add("kubernetes.cpu.usage.total", Map.of("kube_namespace", "sock-shop", "kube_deployment", "catalogue-db",
                    "pod_name", "catalogue-db-1"), T.minusSeconds(30 - 10L * i), 51_000_000 + i, "nanocore");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void logsSearchPagesWithCursorsUntilAnEmptyLastPage() throws Exception {
        String body = "{\"filter\":{\"from\":\"now-15m\",\"to\":\"now\",\"query\":\"kube_namespace:sock-shop\",\"indexes\":[\"main\"]},"
                + "\"options\":{\"timezone\":\"GMT\"},\"page\":{\"limit\":2},\"sort\":\"timestamp\"}";
        JsonNode first = json.readTree(post(body).body());
        assertThat(first.path("data")).hasSize(2);
        JsonNode log = first.path("data").get(0);
        assertThat(log.path("type").asText()).isEqualTo("log");
        assertThat(log.path("id").asText()).isEqualTo("id-0");
        assertThat(log.path("attributes").path("timestamp").asText()).isEqualTo("2025-11-05T20:59:30.000Z");
        assertThat(log.path("attributes").path("service").asText()).isEqualTo("orders");
        assertThat(log.path("attributes").path("tags").get(0).asText()).isEqualTo("kube_namespace:sock-shop");
        String cursor = first.path("meta").path("page").path("after").asText();
        assertThat(cursor).isNotBlank();
        assertThat(first.path("links").path("next").asText()).contains(cursor);

        JsonNode second = json.readTree(post(body.replace("\"limit\":2", "\"cursor\":\"" + cursor + "\",\"limit\":2")).body());
        assertThat(second.path("data")).extracting(n -> n.path("id").asText()).containsExactly("id-2", "id-3");
        String next = second.path("meta").path("page").path("after").asText();
        JsonNode third = json.readTree(post(body.replace("\"limit\":2", "\"cursor\":\"" + next + "\",\"limit\":2")).body());
        assertThat(third.path("data")).extracting(n -> n.path("id").asText()).containsExactly("id-4");
        assertThat(third.has("meta")).as("a short page carries no cursor").isFalse();
    }

    @Test
    void fullLastPageIsFollowedByExactlyDataEmpty() throws Exception {
        String body = "{\"filter\":{\"from\":\"now-15m\",\"to\":\"now\",\"query\":\"service:orders\"},\"page\":{\"limit\":3}}";
        JsonNode first = json.readTree(post(body).body());
        assertThat(first.path("data")).hasSize(3);
        String cursor = first.path("meta").path("page").path("after").asText();
        HttpResponse<String> last = post(body.replace("\"limit\":3", "\"cursor\":\"" + cursor + "\",\"limit\":3"));
        assertThat(last.body()).isEqualTo("{\"data\":[]}");
    }

    @Test
    void logsBecomeSearchableOnlyAfterTheIngestionDelay() throws Exception {
        clock.advance(Duration.ofSeconds(2));
        String query = "{\"filter\":{\"from\":\"now-15m\",\"to\":\"" + T.plusSeconds(30) + "\",\"query\":\"\\\"just written\\\"\"}}";
        assertThat(json.readTree(post(query).body()).path("data")).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(json.readTree(post(query).body()).path("data")).hasSize(1);
    }

    @Test
    void missingKeysAreForbiddenAndBadQueriesAreRefused() throws Exception {
        HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/logs/events/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).isEqualTo("{\"errors\":[\"Forbidden\"]}");

        HttpResponse<String> bad = post("{\"filter\":{\"query\":\"service:orders OR service:payment\"}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("errors").get(0).asText()).contains("unsupported query syntax 'OR'");

        HttpResponse<String> notJson = post("{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void everyResponseCarriesRateLimitHeadersAndTheLimitAnswers429() throws Exception {
        String body = "{\"filter\":{\"from\":\"now-15m\",\"to\":\"now\"}}";
        HttpResponse<String> first = post(body);
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).contains("5");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).contains("4");
        assertThat(first.headers().firstValue("X-RateLimit-Period")).contains("60");
        assertThat(first.headers().firstValue("X-RateLimit-Reset")).isPresent();
        for (int i = 0; i < 4; i++) {
            assertThat(post(body).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = post(body);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        clock.advance(Duration.ofSeconds(61));
        assertThat(post(body).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsQueryGroupsSeriesWithFloatTimestamps() throws Exception {
        JsonNode grouped = json.readTree(get("avg:kubernetes.cpu.usage.total{kube_namespace:sock-shop} by {kube_deployment,pod_name}"));
        assertThat(grouped.path("status").asText()).isEqualTo("ok");
        assertThat(grouped.path("res_type").asText()).isEqualTo("time_series");
        JsonNode series = grouped.path("series").get(0);
        assertThat(series.path("tag_set")).extracting(JsonNode::asText)
                .containsExactly("kube_deployment:catalogue-db", "pod_name:catalogue-db-1");
        assertThat(series.path("scope").asText()).isEqualTo("kube_deployment:catalogue-db,pod_name:catalogue-db-1");
        assertThat(series.path("aggr").asText()).isEqualTo("avg");
        assertThat(series.path("unit").get(0).path("name").asText()).isEqualTo("nanocore");
        assertThat(series.path("unit").get(1).isNull()).isTrue();
        assertThat(series.path("pointlist").get(0).get(0).isDouble()).isTrue();
        assertThat(series.path("pointlist")).hasSize(3);

        JsonNode plain = json.readTree(get("kubernetes.cpu.usage.total{*}"));
        assertThat(plain.path("series").get(0).path("pointlist").get(0).get(0).isIntegralNumber()).isTrue();
        assertThat(plain.path("series").get(0).path("aggr").isNull()).isTrue();
    }

    @Test
    void unsupportedMetricQueriesAreRefused() throws Exception {
        HttpResponse<String> response = http.send(request("/api/v1/query?from=1&to=2&query="
                + URLEncoder.encode("avg:a{*}.rollup(sum, 60)", StandardCharsets.UTF_8)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unsupported metrics query");
    }

    private String get(String query) throws Exception {
        long from = T.minusSeconds(300).getEpochSecond();
        long to = T.getEpochSecond();
        HttpResponse<String> response = http.send(request("/api/v1/query?from=" + from + "&to=" + to + "&query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(request("/api/v2/logs/events/search").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).header("DD-API-KEY", "k").header("DD-APPLICATION-KEY", "a");
    }

    private static LogEvent log(String id, Instant at, String service, String message) {
        return new LogEvent(id, at, service, "info", "sockshop-worker", message,
                List.of("kube_namespace:sock-shop", "kube_deployment:" + service, "service:" + service), Map.of());
    }
}
