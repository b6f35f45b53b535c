package io.sockshop.correlator.collector.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.collector.TestCollectors;
import io.sockshop.correlator.collector.kafka.CheckpointStore;
import io.sockshop.correlator.collector.kafka.Publication;
import io.sockshop.correlator.collector.kafka.TopicReader;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Pollers serving several namespaces with one query: each record once, under its own namespace's
 * key, one call per interval instead of one per namespace; a restart mid-paging; and the takeover of
 * the per-namespace collector's checkpoints (written here byte for byte in its format).
 * Pages are the recorded logs search page with ids, timestamps and Agent container tags varied.
 */
@WithKafka
class SharedPollersTest {

    private static final String NS1 = "sock-shop-0001";
    private static final String NS2 = "sock-shop-0002";
    private static final String NS3 = "sock-shop-0003";
    private static final List<String> WATCHED = List.of(NS1, NS2, NS3);
    private static final String CPU = "avg:kubernetes.cpu.usage.total{kube_namespace:{namespace}} by {kube_deployment,pod_name}";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The harness clock. */
    private static final Instant T = Instant.parse("2022-04-11T16:30:00Z");

    private DatadogStub stub;
    private PollerHarness harness;
    private TopicReader<DatadogLog> logs;
    private TopicReader<MetricPoint> metrics;

    @BeforeEach
    void setUp(KafkaBroker broker) throws Exception {
        stub = new DatadogStub();
        harness = new PollerHarness(broker);
        logs = new TopicReader<>(broker, Topics.DATADOG_LOGS, harness.kafka.logsTopic());
        metrics = new TopicReader<>(broker, Topics.DATADOG_METRICS, harness.kafka.metricsTopic());
    }

    @AfterEach
    void tearDown() {
        logs.close();
        metrics.close();
        harness.close();
        stub.close();
    }

    private DatadogSettings settings() {
        URI base = stub.baseUrl();
        return new DatadogSettings(TestCollectors.CLUSTER, WATCHED, "datadoghq.com", Optional.of(base),
                Secret.of(PollerHarness.API_KEY), Secret.of(PollerHarness.APP_KEY), Duration.ofSeconds(10), true,
                "kube_namespace:{namespace}", List.of("main"), Duration.ofSeconds(15), Duration.ofMinutes(2), 2,
                Duration.ofMinutes(15), true, List.of(new MetricTemplate(CPU, Duration.ofSeconds(30))), Duration.ofMinutes(2),
                Duration.ofMinutes(5));
    }

    private LogsPoller logsPoller(DatadogSettings settings) {
        List<NamespaceGroup> groups = SharedQueries.logsGroups(settings);
        assertThat(groups).hasSize(1);
        return new LogsPoller(groups.get(0), settings, harness.api(settings), harness.publisher, harness.checkpoints(),
                harness.kafka.logsTopic(), harness.clock, harness.registry);
    }

    private MetricsPoller metricsPoller(DatadogSettings settings) {
        List<MetricQuery> queries = SharedQueries.metricQueries(settings);
        assertThat(queries).hasSize(1);
        return new MetricsPoller(queries.get(0), settings, harness.api(settings), harness.publisher, harness.checkpoints(),
                harness.kafka.metricsTopic(), harness.clock, harness.registry);
    }

    /** A log shaped like the recorded page's first entry, of a namespace (null: without kube_namespace tag). */
    static ObjectNode log(String id, Instant timestamp, String namespace) throws Exception {
        JsonNode page = JSON.readTree(DatadogStub.recorded("v2_Search_logs_returns_OK_response_with_pagination.json").get(0).body());
        ObjectNode entry = page.at("/data/0").deepCopy();
        entry.put("id", id);
        ObjectNode attributes = (ObjectNode) entry.get("attributes");
        attributes.put("timestamp", timestamp.toString());
        ArrayNode tags = (ArrayNode) attributes.get("tags");
        if (namespace != null) {
            tags.add("kube_namespace:" + namespace).add("kube_deployment:catalogue").add("pod_name:catalogue-f4cd6c6f4-abcde");
        }
        return entry;
    }

    /** A page as recorded: data, meta.page.after and links.next when there is a next page. */
    static DatadogStub.Answer page(String after, ObjectNode... entries) {
        ObjectNode body = JSON.createObjectNode();
        if (after != null) {
            body.putObject("meta").putObject("page").put("after", after);
        }
        ArrayNode data = body.putArray("data");
        for (ObjectNode e : entries) {
            data.add(e);
        }
        if (after != null) {
            body.putObject("links").put("next", "https://api.datadoghq.com/api/v2/logs/events?page%5Bcursor%5D=" + after);
        }
        return DatadogStub.Answer.json(body.toString());
    }

    /**
     * Everything on the topic once it holds at least n records: a commit returns before the
     * transaction markers reach every partition, so a reader may briefly see less.
     */
    private static <T> List<CloudEvent<T>> atLeast(TopicReader<T> reader, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.readToEnd().size() >= n);
        return reader.readToEnd();
    }

    private static Map<String, String> keysById(List<CloudEvent<DatadogLog>> events) {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        events.forEach(e -> keys.merge(e.data().id(), e.partitionkey(), (a, b) -> a + " AND AGAIN " + b));
        return keys;
    }

    @Test
    void oneSearchServesEveryNamespaceAndEachLogIsPublishedOnceUnderItsOwnKey() throws Exception {
        List<DatadogStub.Answer> pages = List.of(
                page("c1", log("L1", T.minusSeconds(50), NS1), log("L2", T.minusSeconds(40), NS2)),
                page("c2", log("L3", T.minusSeconds(30), NS3), log("LX", T.minusSeconds(20), "kube-system")),
                page("c3", log("LY", T.minusSeconds(10), null)),
                DatadogStub.Answer.json("{\"data\":[]}"));
        stub.logs(pages.toArray(DatadogStub.Answer[]::new));
        LogsPoller poller = logsPoller(settings());

        poller.pollOnce();

        assertThat(keysById(atLeast(logs, 3))).containsOnly(Map.entry("L1", "kind-sockshop/" + NS1),
                Map.entry("L2", "kind-sockshop/" + NS2), Map.entry("L3", "kind-sockshop/" + NS3));
        List<DatadogStub.Seen> requests = stub.requests(DatadogStub.LOGS_PATH);
        assertThat(requests).hasSize(4); // the pages of one search, not one search per namespace
        assertThat(requests).allSatisfy(r -> assertThat(r.json().at("/filter/query").asText())
                .isEqualTo("kube_namespace:(sock-shop-0001 OR sock-shop-0002 OR sock-shop-0003)"));
        assertThat(harness.counter("collector.datadog.unrouted", "api", "logs", "reason", NamespaceRouter.NOT_WATCHED)).isEqualTo(1);
        assertThat(harness.counter("collector.datadog.unrouted", "api", "logs", "reason", NamespaceRouter.NO_TAG)).isEqualTo(1);

        // The next cycle's window overlaps and sees the same logs again: nothing new, and again one search.
        harness.clock.advance(Duration.ofSeconds(15));
        stub.logs(pages.toArray(DatadogStub.Answer[]::new));
        poller.pollOnce();

        assertThat(stub.requests(DatadogStub.LOGS_PATH)).hasSize(8);
        assertThat(keysById(logs.readToEnd())).hasSize(3).doesNotContainValue("AND AGAIN");
        assertThat(harness.counter("collector.datadog.unrouted", "api", "logs", "reason", NamespaceRouter.NOT_WATCHED)).isEqualTo(1);
    }

    @Test
    void aRestartMidPagingResumesAtTheCommittedCursorWithEveryLogOnce() throws Exception {
        stub.logs(page("c1", log("L1", T.minusSeconds(50), NS1), log("L2", T.minusSeconds(40), NS2)));
        stub.logsOutage(new DatadogStub.Answer(500, "application/json", "{\"errors\":[\"Internal Server Error\"]}", Map.of()));
        LogsPoller first = logsPoller(settings());
        assertThatThrownBy(first::pollOnce).isInstanceOf(DatadogCallException.class);
        assertThat(atLeast(logs, 2)).hasSize(2);

        // A new poller from the committed checkpoints, as after a restart.
        stub.logsOutage(null);
        int before = stub.requests(DatadogStub.LOGS_PATH).size();
        stub.logs(page("c2", log("L3", T.minusSeconds(30), NS3), log("L1", T.minusSeconds(50), NS1)),
                DatadogStub.Answer.json("{\"data\":[]}"));
        LogsPoller second = logsPoller(settings());
        second.pollOnce();

        assertThat(stub.requests(DatadogStub.LOGS_PATH).get(before).json().at("/page/cursor").asText()).isEqualTo("c1");
        assertThat(keysById(atLeast(logs, 3))).containsOnly(Map.entry("L1", "kind-sockshop/" + NS1),
                Map.entry("L2", "kind-sockshop/" + NS2), Map.entry("L3", "kind-sockshop/" + NS3));
    }

    /** Writes checkpoints exactly as the per-namespace collector wrote them (its JSON, its keys). */
    private void oldCheckpoints(Map<String, String> json) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        json.forEach((key, value) -> records.add(new ProducerRecord<>(harness.kafka.checkpointTopicName(), key,
                value.getBytes(StandardCharsets.UTF_8))));
        harness.publisher.publishAndAwait(Publication.of("test", List.of(), records, Map.of(), null));
    }

    @Test
    void takesOverThePerNamespaceLogsCheckpointsWithoutLossOrRepeat() throws Exception {
        // NS1: its last window ended 30 s ago; L1 (60 s ago) was published in its overlap.
        // NS2: mid-cycle on a cursor; L2 and L3 were published on that cycle's first page.
        // NS3: never polled. L0 (NS1, 4 min ago) was published long ago: its id is forgotten.
        oldCheckpoints(Map.of(
                "logs/kind-sockshop/" + NS1, "{\"doneUntil\":\"" + T.minusSeconds(30) + "\",\"cycleFrom\":null,\"cycleTo\":null,"
                        + "\"cursor\":null,\"recent\":{\"" + LogsPoller.idHash("L1") + "\":" + T.minusSeconds(60).toEpochMilli() + "}}",
                "logs/kind-sockshop/" + NS2, "{\"doneUntil\":\"" + T.minusSeconds(300) + "\",\"cycleFrom\":\"" + T.minusSeconds(420)
                        + "\",\"cycleTo\":\"" + T.minusSeconds(10) + "\",\"cursor\":\"old-cursor\",\"recent\":{\""
                        + LogsPoller.idHash("L2") + "\":" + T.minusSeconds(360).toEpochMilli() + ",\""
                        + LogsPoller.idHash("L3") + "\":" + T.minusSeconds(20).toEpochMilli() + "}}"));
        stub.logs(page("c1", log("L0", T.minusSeconds(240), NS1), log("L1", T.minusSeconds(60), NS1),
                        log("L2", T.minusSeconds(360), NS2)),
                page("c2", log("L3", T.minusSeconds(20), NS2), log("L4", T.minusSeconds(45), NS1),
                        log("L5", T.minusSeconds(5), NS2)),
                page("c3", log("L6", T.minusSeconds(600), NS3)),
                DatadogStub.Answer.json("{\"data\":[]}"));
        DatadogSettings settings = settings();
        LogsPoller poller = logsPoller(settings);

        poller.pollOnce();

        // From the earliest namespace's end of window minus the overlap (NS3's first look-back: 15 min + 2 min),
        // with no cursor of the old query.
        JsonNode first = stub.requests(DatadogStub.LOGS_PATH).get(0).json();
        assertThat(first.at("/filter/from").asText()).isEqualTo(T.minus(Duration.ofMinutes(17)).toString());
        assertThat(first.at("/page/cursor").isMissingNode()).isTrue();
        // L4: NS1's late arrival in its overlap; L5: new in NS2; L6: NS3's first look-back. Nothing again.
        assertThat(keysById(atLeast(logs, 3))).containsOnly(Map.entry("L4", "kind-sockshop/" + NS1),
                Map.entry("L5", "kind-sockshop/" + NS2), Map.entry("L6", "kind-sockshop/" + NS3));
        CheckpointStore after = harness.checkpoints();
        assertThat(after.get("logs/kind-sockshop/" + NS1, LogsCheckpoint.class)).isEmpty();
        assertThat(after.get("logs/kind-sockshop/" + NS2, LogsCheckpoint.class)).isEmpty();
        String groupKey = "logs/kind-sockshop/" + new NamespaceGroup(WATCHED).key();
        assertThat(after.get(groupKey, LogsCheckpoint.class)).hasValueSatisfying(c -> {
            assertThat(c.namespaces()).containsExactlyElementsOf(WATCHED);
            assertThat(c.doneUntil()).isEqualTo(T);
        });

        // Restarted: its own checkpoint now, nothing taken over again, nothing published again.
        harness.clock.advance(Duration.ofSeconds(15));
        stub.logs(page("c1", log("L4", T.minusSeconds(45), NS1), log("L5", T.minusSeconds(5), NS2)),
                DatadogStub.Answer.json("{\"data\":[]}"));
        logsPoller(settings).pollOnce();
        assertThat(logs.readToEnd()).hasSize(3);
        assertThat(stub.requests(DatadogStub.LOGS_PATH).get(4).json().at("/filter/from").asText())
                .isEqualTo(T.minus(settings.logsOverlap()).toString());
    }

    /** Grouped series of FORMATS.md 4.2 (float timestamps, a null), one per namespace. Clock 16:30:00, interval 30 s. */
    private static String series(String namespace) {
        return """
                {"metric":"kubernetes.cpu.usage.total","display_name":"kubernetes.cpu.usage.total",
                 "expression":"avg:kubernetes.cpu.usage.total{kube_deployment:catalogue,kube_namespace:%1$s,pod_name:catalogue-1}",
                 "scope":"kube_deployment:catalogue,kube_namespace:%1$s,pod_name:catalogue-1",
                 "tag_set":["kube_deployment:catalogue","kube_namespace:%1$s","pod_name:catalogue-1"],
                 "aggr":"avg","interval":10,"length":5,"start":1649694550000,"end":1649694599000,"query_index":0,"attributes":{},
                 "unit":[{"family":"cpu","scale_factor":1.0E-9,"name":"nanocore","short_name":"ncores","plural":"nanocores","id":121},null],
                 "pointlist":[[1649694550000.0,5.1E7],[1649694560000.0,null],[1649694570000,4.9E7],[1649694590000.0,5.0E7],[1649694600000.0,5.2E7]]}
                """.formatted(namespace);
    }

    private static DatadogStub.Answer grouped(String... namespaces) {
        List<String> all = new ArrayList<>();
        for (String ns : namespaces) {
            all.add(series(ns));
        }
        return DatadogStub.Answer.json("{\"status\":\"ok\",\"res_type\":\"time_series\",\"resp_version\":1,\"series\":["
                + String.join(",", all) + "],\"values\":[],\"times\":[],\"message\":\"\",\"group_by\":[\"kube_deployment\",\"pod_name\",\"kube_namespace\"]}");
    }

    private static List<String> points(List<CloudEvent<MetricPoint>> events) {
        return events.stream().map(e -> e.partitionkey() + " " + e.data().timestamp()).toList();
    }

    @Test
    void oneMetricsQueryPerIntervalServesEveryNamespace() throws Exception {
        harness.clock.advance(Duration.ZERO);
        MetricsPoller poller = metricsPoller(settings());
        int windows = 0;
        do {
            stub.metrics(grouped(NS1, NS2, NS3, "kube-system"));
            windows++;
        } while (poller.pollOnce());

        // One query per window (catching up the 15-minute look-back), not one per namespace.
        assertThat(stub.requests(DatadogStub.METRICS_PATH)).hasSize(windows);
        assertThat(java.net.URLDecoder.decode(stub.requests(DatadogStub.METRICS_PATH).get(0).query(), StandardCharsets.UTF_8))
                .contains("query=avg:kubernetes.cpu.usage.total{kube_namespace IN (sock-shop-0001, sock-shop-0002, sock-shop-0003)}"
                        + " by {kube_deployment,pod_name,kube_namespace}");
        List<String> expected = new ArrayList<>();
        for (String ns : WATCHED) {
            for (String ts : List.of("16:29:10", "16:29:30", "16:29:50")) {
                expected.add("kind-sockshop/" + ns + " 2022-04-11T" + ts + "Z");
            }
        }
        assertThat(points(atLeast(metrics, expected.size()))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(harness.counter("collector.datadog.unrouted", "api", "metrics", "reason", NamespaceRouter.NOT_WATCHED))
                .isEqualTo(windows);
    }

    @Test
    void takesOverThePerNamespaceMetricsCheckpointsWithoutLossOrRepeat() throws Exception {
        var ns1Series = new com.datadog.api.client.JSON().getMapper().readValue(series(NS1),
                com.datadog.api.client.v1.model.MetricsQueryMetadata.class);
        String ns1Key = "metrics/kind-sockshop/" + NS1 + "/" + MetricQuery.single(NS1, CPU, Duration.ofSeconds(30)).id();
        String ns3Key = "metrics/kind-sockshop/" + NS3 + "/" + MetricQuery.single(NS3, CPU, Duration.ofSeconds(30)).id();
        // NS1: window ended 16:29:40, 16:29:30 published. NS3: window ended 16:29:40, its series unknown to the
        // checkpoint (so its closed buckets up to 16:29:30 count as published). NS2: never polled.
        oldCheckpoints(Map.of(
                ns1Key, "{\"doneUntil\":\"2022-04-11T16:29:40Z\",\"lastPoints\":{\"" + MetricMapper.seriesId(ns1Series)
                        + "\":" + Instant.parse("2022-04-11T16:29:30Z").toEpochMilli() + "}}",
                ns3Key, "{\"doneUntil\":\"2022-04-11T16:29:40Z\",\"lastPoints\":{}}"));
        MetricsPoller poller = metricsPoller(settings());
        do {
            stub.metrics(grouped(NS1, NS2, NS3));
        } while (poller.pollOnce());

        assertThat(points(atLeast(metrics, 5))).containsExactlyInAnyOrder(
                "kind-sockshop/" + NS1 + " 2022-04-11T16:29:50Z",
                "kind-sockshop/" + NS2 + " 2022-04-11T16:29:10Z", "kind-sockshop/" + NS2 + " 2022-04-11T16:29:30Z",
                "kind-sockshop/" + NS2 + " 2022-04-11T16:29:50Z",
                "kind-sockshop/" + NS3 + " 2022-04-11T16:29:50Z");
        CheckpointStore after = harness.checkpoints();
        assertThat(after.get(ns1Key, MetricsCheckpoint.class)).isEmpty();
        assertThat(after.get(ns3Key, MetricsCheckpoint.class)).isEmpty();

        // Restarted on its own checkpoint: the open bucket closes and is published once.
        harness.clock.advance(Duration.ofSeconds(30));
        MetricsPoller restarted = metricsPoller(settings());
        stub.metrics(grouped(NS1, NS2, NS3));
        restarted.pollOnce();
        List<DatadogStub.Seen> seen = stub.requests(DatadogStub.METRICS_PATH);
        assertThat(points(atLeast(metrics, 8))).as(seen.get(seen.size() - 1).query()).hasSize(8).doesNotHaveDuplicates()
                .contains("kind-sockshop/" + NS2 + " 2022-04-11T16:30:00Z");
    }
}
