package io.sockshop.correlator.sandbox.datadog;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.v1.api.MetricsApi;
import com.datadog.api.client.v1.model.MetricsQueryResponse;
import com.datadog.api.client.v2.api.LogsApi;
import com.datadog.api.client.v2.model.Log;
import com.datadog.api.client.v2.model.LogsListRequest;
import com.datadog.api.client.v2.model.LogsListRequestPage;
import com.datadog.api.client.v2.model.LogsQueryFilter;
import com.datadog.api.client.v2.model.LogsSort;
import io.sockshop.correlator.sandbox.MutableClock;
import io.sockshop.correlator.sandbox.logs.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real datadog-api-client, the one the collector uses, pointed at the sandbox by base URL,
 * pages through logs and reads metric points.
 */
class DatadogClientCompatibilityTest {

    private static final Instant T = Instant.parse("2025-11-05T21:00:30Z");
    private DatadogApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        LogStore logs = new LogStore(Duration.ZERO, Duration.ofHours(1), 10_000);
        MetricStore metrics = new MetricStore(Duration.ofHours(1));
        for (int i = 0; i < 7; i++) {
            logs.add(new LogEvent("id-" + i, T.minusSeconds(60 - i), "shipping", "info", "sockshop-worker",
                    "Adding shipment to queue...", List.of("kube_namespace:sock-shop", "kube_deployment:shipping"), Map.of()), T);
        }
        metrics.add("kubernetes_state.deployment.replicas_available", Map.of("kube_namespace", "sock-shop",
                "kube_deployment", "queue-master"), T.minusSeconds(20), 0, null);
        server = new DatadogApiServer(0, logs, metrics, new RateLimiter(1000, Duration.ofSeconds(60)), new MutableClock(T));
        client = new ApiClient();
        client.setServerIndex(null);
        client.setBasePath(server.url());
        client.configureApiKeys(Map.of("apiKeyAuth", "test-api-key", "appKeyAuth", "test-app-key"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void clientPagesThroughEveryLog() throws Exception {
        LogsApi api = new LogsApi(client);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            LogsListRequestPage page = new LogsListRequestPage().limit(3);
            if (cursor != null) {
                page.cursor(cursor);
            }
            var response = api.listLogs(new LogsApi.ListLogsOptionalParameters().body(new LogsListRequest()
                    .filter(new LogsQueryFilter().query("kube_namespace:sock-shop").from("now-15m").to("now"))
                    .sort(LogsSort.TIMESTAMP_ASCENDING).page(page)));
            for (Log log : response.getData()) {
                ids.add(log.getId());
                assertThat(log.getAttributes().getMessage()).isEqualTo("Adding shipment to queue...");
                assertThat(log.getAttributes().getTimestamp()).isNotNull();
            }
            cursor = response.getMeta() == null || response.getMeta().getPage() == null ? null
                    : response.getMeta().getPage().getAfter();
        } while (cursor != null);
        assertThat(ids).containsExactly("id-0", "id-1", "id-2", "id-3", "id-4", "id-5", "id-6");
    }

    @Test
    void clientReadsMetricPoints() throws Exception {
        MetricsQueryResponse response = new MetricsApi(client).queryMetrics(T.minusSeconds(300).getEpochSecond(),
                T.getEpochSecond(), "avg:kubernetes_state.deployment.replicas_available{kube_namespace:sock-shop} by {kube_deployment}");
        assertThat(response.getSeries()).hasSize(1);
        assertThat(response.getSeries().get(0).getTagSet()).containsExactly("kube_deployment:queue-master");
        assertThat(response.getSeries().get(0).getPointlist().get(0)).containsExactly((double) T.minusSeconds(20).toEpochMilli(), 0.0);
    }
}
