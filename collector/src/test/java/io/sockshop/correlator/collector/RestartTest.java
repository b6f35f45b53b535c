package io.sockshop.correlator.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sockshop.correlator.collector.datadog.DatadogSettings;
import io.sockshop.correlator.collector.datadog.DatadogStub;
import io.sockshop.correlator.collector.datadog.Secret;
import io.sockshop.correlator.collector.datadog.Sleeper;
import io.sockshop.correlator.collector.k8s.KubernetesSettings;
import io.sockshop.correlator.collector.k8s.ScriptedKubernetesApi;
import io.sockshop.correlator.collector.kafka.KafkaSettings;
import io.sockshop.correlator.collector.kafka.TopicReader;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.WatchAction;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector stopped in the middle of a Datadog paging cycle while Kubernetes changes, then
 * started again: every record is on the topics exactly once, nothing is missing.
 */
@WithKafka
class RestartTest {

    private static final String NS = TestCollectors.NAMESPACE;
    private static final String RECORDING = "v2_Search_logs_returns_OK_response_with_pagination.json";

    private static Pod pod(String name, String uid) throws Exception {
        Pod pod = new ObjectMapper().treeToValue(Fixtures.json("k8s/catalogue-pod.json"), Pod.class);
        return new PodBuilder(pod).editMetadata().withName(name).withUid(uid).withResourceVersion(null).endMetadata().build();
    }

    private static Collector collector(KafkaSettings kafka, ScriptedKubernetesApi api, DatadogStub stub) {
        DatadogSettings datadog = new DatadogSettings(TestCollectors.CLUSTER, List.of(NS), "datadoghq.com",
                Optional.of(stub.baseUrl()), Secret.of("restart-api-key-0000"), Secret.of("restart-app-key-0000"),
                Duration.ofSeconds(10), true, "kube_namespace:{namespace}", List.of("main"), Duration.ofMillis(500),
                Duration.ofMinutes(2), 2, Duration.ofMinutes(15), false, List.of(), Duration.ofMinutes(2),
                Duration.ofSeconds(2));
        KubernetesSettings kubernetes = new KubernetesSettings(TestCollectors.CLUSTER, List.of(NS), Duration.ofMinutes(10),
                KubernetesSettings.EventsApi.CORE);
        return new Collector(kafka, kubernetes, api.newClient(), datadog, Clock.systemUTC(), Sleeper.REAL,
                new SimpleMeterRegistry()).start();
    }

    @Test
    void aRestartMidStreamGivesEveryRecordExactlyOnce(KafkaBroker broker) throws Exception {
        KafkaSettings kafka = TestCollectors.kafka(broker, KafkaBroker.uniqueName("restart") + ".");
        List<DatadogStub.Answer> pages = DatadogStub.recorded(RECORDING);
        try (ScriptedKubernetesApi api = new ScriptedKubernetesApi(); DatadogStub stub = new DatadogStub()) {
            var pods = api.client().pods().inNamespace(NS);
            pods.resource(pod("catalogue-a", "aaaaaaaa-0000-0000-0000-000000000001")).create();
            pods.resource(pod("catalogue-b", "bbbbbbbb-0000-0000-0000-000000000002")).create();
            stub.logs(pages.get(0));
            stub.logsOutage(new DatadogStub.Answer(500, "application/json", "{\"errors\":[\"Internal Server Error\"]}", Map.of()));

            Collector first = collector(kafka, api, stub);
            await().atMost(Duration.ofSeconds(60)).until(first::ready);
            try (TopicReader<DatadogLog> logs = new TopicReader<>(broker, Topics.DATADOG_LOGS, kafka.logsTopic());
                 TopicReader<K8sObject> k8s = new TopicReader<>(broker, Topics.K8S, kafka.k8sTopic())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> logs.events().size() == 2 && k8s.events().size() == 2
                        && stub.requests("/api/v2/logs/events/search").size() >= 2);
            }
            first.close();

            // While the collector is down: a pod changes, one goes, one comes; Datadog recovers.
            pods.withName("catalogue-a").edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "backend")
                    .endMetadata().build());
            pods.withName("catalogue-b").delete();
            pods.resource(pod("catalogue-c", "cccccccc-0000-0000-0000-000000000003")).create();
            stub.logs(pages.get(1), pages.get(2));
            stub.logsOutage(null);

            int requestsBefore = stub.requests("/api/v2/logs/events/search").size();
            Collector second = collector(kafka, api, stub);
            try (TopicReader<DatadogLog> logs = new TopicReader<>(broker, Topics.DATADOG_LOGS, kafka.logsTopic());
                 TopicReader<K8sObject> k8s = new TopicReader<>(broker, Topics.K8S, kafka.k8sTopic())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> logs.events().size() >= 3 && k8s.events().size() >= 5);
                await().atMost(Duration.ofSeconds(30)).until(() -> second.ready() && second.publisher().bufferedBytes() == 0);

                List<CloudEvent<DatadogLog>> allLogs = logs.readToEnd();
                assertThat(allLogs).extracting(e -> e.data().id()).containsExactly(
                        "AQAAAYAZdbh47dGwNwAAAABBWUFaZGJyMUFBQ0s4OEN3YmZ1UDJRQUI",
                        "AQAAAYAZdboJ7dGwNgAAAABBWUFaZGJyMUFBQ0s4OEN3YmZ1UDJRQUE",
                        "AQAAAYAZdboK7dGwOAAAAABBWUFaZGJyMUFBQ0s4OEN3YmZ1UDJRQUM");
                // The second collector resumed at the cursor the first one had committed.
                DatadogStub.Seen resumed = stub.requests("/api/v2/logs/events/search").get(requestsBefore);
                assertThat(resumed.json().at("/page/cursor").asText())
                        .isEqualTo("eyJhZnRlciI6IkFRQUFBWUFaZGJvSjdkR3dOZ0FBQUFCQldVRmFaR0p5TVVGQlEwczRPRU4zWW1aMVVESlJRVUUifQ");

                List<CloudEvent<K8sObject>> allK8s = k8s.readToEnd();
                assertThat(allK8s).extracting(CloudEvent::id).doesNotHaveDuplicates();
                assertThat(allK8s).extracting(e -> e.data().name() + " " + e.data().action()).containsExactlyInAnyOrder(
                        "catalogue-a ADDED", "catalogue-b ADDED",
                        "catalogue-a MODIFIED", "catalogue-b RELIST_DELETED", "catalogue-c ADDED");
                assertThat(allK8s).filteredOn(e -> e.data().action() == WatchAction.RELIST_DELETED)
                        .allSatisfy(e -> assertThat(e.data().finalStateUnknown()).isTrue());
            } finally {
                second.close();
            }
        }
    }
}
