package io.sockshop.correlator.collector.datadog;

import io.sockshop.correlator.collector.kafka.TopicReader;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics poller against a stub answering like the recorded metrics query. */
@WithKafka
class MetricsPollerTest {

    private static final String QUERY = "avg:kubernetes.cpu.usage.total{kube_namespace:sock-shop} by {kube_deployment,pod_name}";

    /**
     * The grouped form of FORMATS.md §4.2: float timestamps, a null value, tag_set and scope per series;
     * the envelope is the recorded v1 response's. Clock: 2022-04-11T16:30:00Z, interval 30 s, overlap 2 min.
     */
    private static final String GROUPED = """
            {"status":"ok","res_type":"time_series","resp_version":1,"query":"%s","from_date":1649694450000,"to_date":1649694600000,
             "series":[{"metric":"kubernetes.cpu.usage.total","display_name":"kubernetes.cpu.usage.total",
               "expression":"avg:kubernetes.cpu.usage.total{kube_deployment:catalogue-db,kube_namespace:sock-shop,pod_name:catalogue-db-6ddc796b66-lzn5v}",
               "scope":"kube_deployment:catalogue-db,kube_namespace:sock-shop,pod_name:catalogue-db-6ddc796b66-lzn5v",
               "tag_set":["kube_deployment:catalogue-db","kube_namespace:sock-shop","pod_name:catalogue-db-6ddc796b66-lzn5v"],
               "aggr":"avg","interval":10,"length":5,"start":1649694550000,"end":1649694599000,"query_index":0,"attributes":{},
               "unit":[{"family":"cpu","scale_factor":1.0E-9,"name":"nanocore","short_name":"ncores","plural":"nanocores","id":121},null],
               "pointlist":[[1649694550000.0,5.1E7],[1649694560000.0,null],[1649694570000,4.9E7],[1649694590000.0,5.0E7],[1649694600000.0,5.2E7]]}],
             "values":[],"times":[],"message":"","group_by":["kube_deployment","pod_name"]}
            """.formatted(QUERY);

    private DatadogStub stub;
    private PollerHarness harness;
    private TopicReader<MetricPoint> reader;

    @BeforeEach
    void setUp(KafkaBroker broker) throws Exception {
        stub = new DatadogStub();
        harness = new PollerHarness(broker);
        reader = new TopicReader<>(broker, Topics.DATADOG_METRICS, harness.kafka.metricsTopic());
    }

    @AfterEach
    void tearDown() {
        reader.close();
        harness.close();
        stub.close();
    }

    private MetricsPoller poller(MetricQuery query) {
        DatadogSettings settings = PollerHarness.settings(stub.baseUrl(), List.of(new MetricTemplate(query.template(), query.interval())));
        return new MetricsPoller(query, settings, harness.api(settings), harness.publisher, harness.checkpoints(),
                harness.kafka.metricsTopic(), harness.clock, harness.registry);
    }

    @Test
    void readsFloatTimestampsSkipsNullsKeepsTheTagSetAndLeavesTheOpenBucket() throws Exception {
        stub.metrics(DatadogStub.Answer.json(GROUPED));
        MetricsPoller poller = poller(MetricQuery.single("sock-shop", QUERY, Duration.ofSeconds(30)));
        // Catching up from the initial look-back: the first window ends 30 s after it.
        harness.clock.advance(Duration.ZERO);
        while (poller.pollOnce()) {
            stub.metrics(DatadogStub.Answer.json(GROUPED));
        }

        List<CloudEvent<MetricPoint>> points = reader.readToEnd();
        // 16:29:20 is null; 16:30:00 is the bucket still open when the window ends at 16:30:00.
        assertThat(points).extracting(e -> e.data().timestamp()).containsExactly(
                Instant.parse("2022-04-11T16:29:10Z"), Instant.parse("2022-04-11T16:29:30Z"),
                Instant.parse("2022-04-11T16:29:50Z"));
        CloudEvent<MetricPoint> first = points.get(0);
        assertThat(first.partitionkey()).isEqualTo("kind-sockshop/sock-shop");
        assertThat(first.data().value()).isEqualTo(5.1E7);
        assertThat(first.data().unit()).isEqualTo("nanocore");
        assertThat(first.data().aggregation()).isEqualTo("avg");
        assertThat(first.data().intervalSeconds()).isEqualTo(10);
        assertThat(first.data().query()).isEqualTo(QUERY);
        assertThat(first.data().tags()).containsExactly("kube_deployment:catalogue-db", "kube_namespace:sock-shop",
                "pod_name:catalogue-db-6ddc796b66-lzn5v");
        assertThat(stub.requests(DatadogStub.METRICS_PATH).get(0).query()).contains("query=avg%3Akubernetes.cpu.usage.total");

        // The next window overlaps: only the bucket closed since is new.
        harness.clock.advance(Duration.ofSeconds(30));
        stub.metrics(DatadogStub.Answer.json(GROUPED));
        poller.pollOnce();
        assertThat(reader.readToEnd()).extracting(e -> e.data().timestamp()).containsExactly(
                Instant.parse("2022-04-11T16:29:10Z"), Instant.parse("2022-04-11T16:29:30Z"),
                Instant.parse("2022-04-11T16:29:50Z"), Instant.parse("2022-04-11T16:30:00Z"));
    }

    @Test
    void publishesTheRecordedSeriesWithLongTimestamps() throws Exception {
        harness.clock.advance(Duration.ofDays(1000));
        stub.metrics(DatadogStub.recorded("v1_Query_timeseries_points_returns_OK_response.json").get(0));
        MetricsPoller poller = poller(MetricQuery.single("sock-shop", "system.cpu.idle{*}", Duration.ofSeconds(30)));

        poller.pollOnce();

        List<CloudEvent<MetricPoint>> points = reader.readToEnd();
        assertThat(points).hasSize(288);
        assertThat(points.get(0).data().timestamp()).isEqualTo(Instant.ofEpochMilli(1641344100000L));
        assertThat(points.get(0).data().value()).isEqualTo(91.4583840476142);
        assertThat(points.get(0).data().unit()).isEqualTo("percent");
        assertThat(points.get(0).data().scope()).isEqualTo("*");
        assertThat(points).extracting(CloudEvent::id).doesNotHaveDuplicates();
    }
}
