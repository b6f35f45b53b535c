package io.sockshop.correlator.collector.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockshop.correlator.collector.kafka.TopicReader;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The logs poller against a stub answering like the recorded logs search exchanges. */
@WithKafka
class LogsPollerTest {

    private static final String RECORDING = "v2_Search_logs_returns_OK_response_with_pagination.json";
    private static final List<String> RECORDED_IDS = List.of(
            "AQAAAYAZdbh47dGwNwAAAABBWUFaZGJyMUFBQ0s4OEN3YmZ1UDJRQUI",
            "AQAAAYAZdboJ7dGwNgAAAABBWUFaZGJyMUFBQ0s4OEN3YmZ1UDJRQUE",
            "AQAAAYAZdboK7dGwOAAAAABBWUFaZGJyMUFBQ0s4OEN3YmZ1UDJRQUM");

    private DatadogStub stub;
    private PollerHarness harness;
    private TestSupport.LogCapture logs;
    private TopicReader<DatadogLog> reader;

    @BeforeEach
    void setUp(KafkaBroker broker) throws Exception {
        stub = new DatadogStub();
        harness = new PollerHarness(broker);
        logs = new TestSupport.LogCapture();
        reader = new TopicReader<>(broker, Topics.DATADOG_LOGS, harness.kafka.logsTopic());
    }

    @AfterEach
    void tearDown() {
        reader.close();
        logs.close();
        harness.close();
        stub.close();
    }

    /** The clock stands just after the recorded logs (2022-04-11T16:29:47Z), so they fall in the first window. */
    private LogsPoller poller() {
        DatadogSettings settings = PollerHarness.settings(stub.baseUrl(), List.of());
        return new LogsPoller("sock-shop", settings, harness.api(settings), harness.publisher, harness.checkpoints(),
                harness.kafka.logsTopic(), harness.clock, harness.registry);
    }

    @Test
    void pagesThroughTheRecordedPagesUpToTheEmptyLastOne() throws Exception {
        stub.logs(DatadogStub.recorded(RECORDING).toArray(DatadogStub.Answer[]::new));
        LogsPoller poller = poller();

        assertThat(poller.pollOnce()).isFalse();

        List<CloudEvent<DatadogLog>> events = reader.readToEnd();
        assertThat(events).extracting(e -> e.data().id()).containsExactlyElementsOf(RECORDED_IDS);
        CloudEvent<DatadogLog> first = events.get(0);
        assertThat(first.id()).isEqualTo("dd-log/" + RECORDED_IDS.get(0));
        assertThat(first.partitionkey()).isEqualTo("kind-sockshop/sock-shop");
        assertThat(first.time()).isEqualTo(Instant.parse("2022-04-11T16:29:47Z"));
        assertThat(first.data().status()).isEqualTo("ok");
        assertThat(first.data().service()).isNull();
        assertThat(first.data().tags()).filteredOn("source:sinatra"::equals).hasSize(2);
        assertThat(first.data().attributes()).containsKey("http");

        List<DatadogStub.Seen> requests = stub.requests(DatadogStub.LOGS_PATH);
        assertThat(requests).hasSize(3);
        JsonNode body = requests.get(0).json();
        assertThat(body.at("/filter/query").asText()).isEqualTo("kube_namespace:sock-shop");
        assertThat(body.at("/filter/indexes/0").asText()).isEqualTo("main");
        assertThat(body.at("/filter/to").asText()).isEqualTo("2022-04-11T16:30:00Z");
        assertThat(body.at("/filter/from").asText()).isEqualTo("2022-04-11T16:13:00Z");
        assertThat(body.at("/sort").asText()).isEqualTo("timestamp");
        assertThat(body.at("/page/limit").asInt()).isEqualTo(2);
        assertThat(body.at("/page/cursor").isMissingNode()).isTrue();
        assertThat(requests.get(1).json().at("/page/cursor").asText())
                .isEqualTo("eyJhZnRlciI6IkFRQUFBWUFaZGJvSjdkR3dOZ0FBQUFCQldVRmFaR0p5TVVGQlEwczRPRU4zWW1aMVVESlJRVUUifQ");
        assertThat(requests.get(2).json().at("/page/cursor").asText())
                .isEqualTo("eyJhZnRlciI6IkFRQUFBWUFaZGJvSzdkR3dPUUFBQUFCQldVRmFaR0p5TVVGQlEwczRPRU4zWW1aMVVESlJRVVEifQ");
        assertThat(requests.get(0).headers().get("Dd-api-key")).containsExactly(PollerHarness.API_KEY);
        assertThat(harness.counter("collector.records.published", "source", "datadog-logs")).isEqualTo(3);
    }

    @Test
    void anOverlappingWindowThatSeesTheSameLogsPublishesNothingAgain() throws Exception {
        List<DatadogStub.Answer> recorded = DatadogStub.recorded(RECORDING);
        stub.logs(recorded.toArray(DatadogStub.Answer[]::new));
        LogsPoller poller = poller();
        poller.pollOnce();
        harness.clock.advance(Duration.ofSeconds(15));
        stub.logs(recorded.toArray(DatadogStub.Answer[]::new));

        poller.pollOnce();

        JsonNode second = stub.requests(DatadogStub.LOGS_PATH).get(3).json();
        assertThat(second.at("/filter/from").asText()).isEqualTo("2022-04-11T16:28:00Z");
        assertThat(second.at("/filter/to").asText()).isEqualTo("2022-04-11T16:30:15Z");
        assertThat(reader.readToEnd()).hasSize(3);
    }

    @Test
    void waitsOut429sAndSurvives500sHtmlPagesAndTruncatedJsonWithoutLeakingKeys() throws Exception {
        String page = DatadogStub.recorded(RECORDING).get(0).body();
        stub.logs(new DatadogStub.Answer(429, "application/json", "{\"errors\":[\"Too many requests\"]}",
                        Map.of("X-RateLimit-Limit", "300", "X-RateLimit-Period", "3600", "X-RateLimit-Remaining", "0",
                                "X-RateLimit-Reset", "7", "X-RateLimit-Name", "logs_list")),
                new DatadogStub.Answer(500, "application/json", "{\"errors\":[\"Internal Server Error\"]}", Map.of()));
        LogsPoller poller = poller();

        assertThatThrownBy(poller::pollOnce).isInstanceOf(DatadogCallException.class).hasMessageContaining("HTTP 500");
        assertThat(harness.sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(harness.counter("collector.datadog.rate.limited", "api", "logs")).isEqualTo(1);

        stub.logs(new DatadogStub.Answer(502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", Map.of()));
        assertThatThrownBy(poller::pollOnce).isInstanceOf(DatadogCallException.class)
                .hasMessageContaining("HTTP 502").hasMessageContaining("an HTML page");

        stub.logs(DatadogStub.Answer.json(page.substring(0, page.length() / 2)));
        assertThatThrownBy(poller::pollOnce).isInstanceOf(DatadogCallException.class);

        stub.logs(new DatadogStub.Answer(200, "text/html", "<html><body>maintenance</body></html>", Map.of()));
        assertThatThrownBy(poller::pollOnce).isInstanceOf(DatadogCallException.class);

        assertThat(reader.readToEnd()).isEmpty();

        // Datadog is back: the same window is read, nothing was skipped.
        stub.logs(DatadogStub.recorded(RECORDING).toArray(DatadogStub.Answer[]::new));
        poller.pollOnce();
        assertThat(reader.readToEnd()).extracting(e -> e.data().id()).containsExactlyElementsOf(RECORDED_IDS);
        assertThat(stub.requests(DatadogStub.LOGS_PATH).get(0).json().at("/filter/from").asText())
                .isEqualTo(stub.requests(DatadogStub.LOGS_PATH).get(5).json().at("/filter/from").asText());

        assertThat(logs.lines).isNotEmpty();
        assertThat(logs.lines).noneMatch(line -> line.contains(PollerHarness.API_KEY) || line.contains(PollerHarness.APP_KEY));
    }

    @Test
    void slowsDownBeforeTheLimitAsTheHeadersSay() throws Exception {
        String page = DatadogStub.recorded(RECORDING).get(2).body();
        stub.logs(new DatadogStub.Answer(200, "application/json", page, Map.of("X-RateLimit-Limit", "300",
                "X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "42")));
        LogsPoller poller = poller();
        poller.pollOnce();
        assertThat(harness.sleeper.waits).isEmpty();

        poller.pollOnce();

        assertThat(harness.sleeper.waits).containsExactly(Duration.ofSeconds(42));
    }
}
