package io.sockshop.correlator.collector.datadog;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.ApiException;
import com.datadog.api.client.ApiResponse;
import com.datadog.api.client.v1.api.MetricsApi;
import com.datadog.api.client.v1.model.MetricsQueryResponse;
import com.datadog.api.client.v2.api.LogsApi;
import com.datadog.api.client.v2.model.LogsListRequest;
import com.datadog.api.client.v2.model.LogsListRequestPage;
import com.datadog.api.client.v2.model.LogsListResponse;
import com.datadog.api.client.v2.model.LogsQueryFilter;
import com.datadog.api.client.v2.model.LogsSort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The two Datadog calls the collector makes, through {@code datadog-api-client}: logs search v2
 * ({@code POST /api/v2/logs/events/search}) and metrics query v1 ({@code GET /api/v1/query}).
 * Every call goes through the rate-limit gate of its API, waits out 429s as the headers say, and
 * turns every failure (HTTP errors, HTML pages, truncated bodies, timeouts) into a
 * {@link DatadogCallException} whose message carries no key. Blocking: call it from poller threads only.
 */
public final class DatadogApi {

    private static final Logger LOG = Logger.getLogger(DatadogApi.class);
    private static final int MAX_429_RETRIES = 5;

    private final DatadogSettings settings;
    private final LogsApi logs;
    private final MetricsApi metrics;
    private final RateLimitGate logsGate;
    private final RateLimitGate metricsGate;
    private final Sleeper sleeper;
    private final MeterRegistry registry;

    public DatadogApi(DatadogSettings settings, Clock clock, Sleeper sleeper, MeterRegistry registry) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.registry = registry;
        ApiClient client = client(settings);
        this.logs = new LogsApi(client);
        this.metrics = new MetricsApi(client);
        this.logsGate = new RateLimitGate("logs", clock, sleeper);
        this.metricsGate = new RateLimitGate("metrics", clock, sleeper);
    }

    static ApiClient client(DatadogSettings settings) {
        ApiClient client = new ApiClient();
        Map<String, String> keys = new HashMap<>();
        keys.put("apiKeyAuth", settings.apiKey().reveal());
        keys.put("appKeyAuth", settings.applicationKey().reveal());
        client.configureApiKeys(keys);
        int timeout = (int) settings.timeout().toMillis();
        client.setConnectTimeout(timeout);
        client.setReadTimeout(timeout);
        if (settings.baseUrl().isPresent()) {
            // Server 1 of the client is "{protocol}://{name}": any base URL, e.g. the sandbox or a test stub.
            URI base = settings.baseUrl().get();
            String name = base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/$", ""));
            client.setServerIndex(1);
            client.setServerVariables(Map.of("protocol", base.getScheme(), "name", name));
        } else {
            client.setServerIndex(0);
            client.setServerVariables(Map.of("site", settings.site()));
        }
        return client;
    }

    /** One page of the logs search, oldest first. */
    public LogsListResponse searchLogs(String query, Instant from, Instant to, String cursor, int limit)
            throws DatadogCallException, InterruptedException {
        LogsListRequestPage page = new LogsListRequestPage().limit(limit);
        if (cursor != null) {
            page.cursor(cursor);
        }
        LogsListRequest body = new LogsListRequest()
                .filter(new LogsQueryFilter().query(query).indexes(settings.logsIndexes())
                        .from(from.toString()).to(to.toString()))
                .page(page)
                .sort(LogsSort.TIMESTAMP_ASCENDING);
        return call("logs", logsGate, () -> logs.listLogsWithHttpInfo(new LogsApi.ListLogsOptionalParameters().body(body)));
    }

    /** The metrics query over [from, to] (whole seconds, as the API takes them). */
    public MetricsQueryResponse queryMetrics(String query, Instant from, Instant to)
            throws DatadogCallException, InterruptedException {
        return call("metrics", metricsGate, () -> metrics.queryMetricsWithHttpInfo(from.getEpochSecond(),
                to.getEpochSecond(), query));
    }

    @FunctionalInterface
    private interface Call<T> {
        ApiResponse<T> run() throws ApiException;
    }

    private <T> T call(String api, RateLimitGate gate, Call<T> call) throws DatadogCallException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            gate.beforeCall();
            try {
                ApiResponse<T> response = call.run();
                gate.observe(response.getHeaders());
                count(api, "ok");
                if (response.getData() == null) {
                    throw new DatadogCallException(response.getStatusCode(), "Datadog " + api + " answered "
                            + response.getStatusCode() + " without a body");
                }
                return response.getData();
            } catch (ApiException e) {
                if (e.getCode() == 429) {
                    Counter.builder("collector.datadog.rate.limited").tag("api", api)
                            .description("429 answers from Datadog").register(registry).increment();
                    count(api, "429");
                    Duration wait = gate.waitAfter429(e.getResponseHeaders());
                    if (attempt >= MAX_429_RETRIES) {
                        throw new DatadogCallException(429, "Datadog " + api + " still rate limited after "
                                + attempt + " waits");
                    }
                    LOG.warnf("Datadog %s API answered 429; waiting %ss as X-RateLimit-Reset says", api,
                            wait.toMillis() / 1000.0);
                    sleeper.sleep(wait);
                    continue;
                }
                gate.observe(e.getResponseHeaders());
                count(api, "error");
                throw new DatadogCallException(e.getCode(), describe(api, e));
            } catch (RuntimeException e) {
                // Jersey's ProcessingException and friends: HTML instead of JSON, a truncated body, a timeout.
                count(api, "error");
                throw new DatadogCallException(0, settings.mask("Datadog " + api + " call failed: "
                        + rootMessage(e)));
            }
        }
    }

    private String describe(String api, ApiException e) {
        String body = e.getResponseBody() == null ? "" : e.getResponseBody().strip();
        if (body.startsWith("<")) {
            body = "an HTML page";
        } else if (body.length() > 300) {
            body = body.substring(0, 300) + "...";
        }
        String message = e.getCode() == 0 ? rootMessage(e) : "HTTP " + e.getCode() + (body.isEmpty() ? "" : ": " + body);
        return settings.mask("Datadog " + api + " call failed: " + message);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private void count(String api, String outcome) {
        Counter.builder("collector.datadog.api.calls").tag("api", api).tag("outcome", outcome)
                .description("Datadog API calls by outcome").register(registry).increment();
    }

}
