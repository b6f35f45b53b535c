package io.sockshop.correlator.reliability;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.WatchAction;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.CollectorProcesses;
import io.sockshop.correlator.reliability.support.FakeDatadogLogs;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.Pods;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.collector.k8s.ScriptedKubernetesApi;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged collector killed with SIGKILL in the middle of a Datadog paging cycle, and in the
 * middle of a Kubernetes relist after a 410 Gone, then started again: no gap, no duplicate.
 */
@WithKafka
class CollectorRestartTest {

    private static final String NS = "sock-shop";

    @Test
    void killedInTheMiddleOfADatadogPagingCycleResumesAtTheNextPage(KafkaBroker broker) {
        String prefix = KafkaBroker.uniqueName("ddkill") + ".";
        String bootstrap = broker.bootstrapServers();
        String topic = Topics.DATADOG_LOGS.withPrefix(prefix).name();
        try (FakeDatadogLogs datadog = new FakeDatadogLogs()) {
            datadog.add(40, Instant.now().minus(Duration.ofMinutes(10)), "a");
            Map<String, String> settings = CollectorProcesses.withDatadog(CollectorProcesses.settings(bootstrap, prefix), datadog.baseUrl());
            settings.put("collector.datadog.metrics.enabled", "false");
            settings.put("collector.datadog.logs.page-limit", "5");
            settings.put("collector.datadog.logs.interval", "1s");
            settings.put("collector.datadog.max-backoff", "2s");
            settings.put("collector.datadog.timeout", "10s");
            datadog.holdRequest(4);

            try (ServiceProcess first = CollectorProcesses.start("collector-dd-a", settings)) {
                await("the fourth page requested").atMost(Duration.ofMinutes(2)).until(datadog::holding);
                await("three pages committed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KafkaIO.readAll(bootstrap, topic, true).size() == 15);
                first.kill();
            }
            datadog.release();
            int before = datadog.requests().size();
            datadog.add(10, Instant.now(), "b");

            try (ServiceProcess second = CollectorProcesses.start("collector-dd-b", settings)) {
                await("every log published").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KafkaIO.readAll(bootstrap, topic, true).size() >= 50);
                int seen = datadog.requests().size();
                await("three more cycles").atMost(Duration.ofMinutes(1)).until(() -> datadog.requests().size() >= seen + 6);
                assertThat(second.ready()).isTrue();
            }
            FakeDatadogLogs.Seen resumed = datadog.requests().get(before);
            assertThat(new String(Base64.getUrlDecoder().decode(resumed.body().at("/page/cursor").asText()), StandardCharsets.UTF_8))
                    .as("the restarted collector asks for the page the killed one was reading").isEqualTo("{\"after\":15}");

            List<CloudEvent<DatadogLog>> published = KafkaIO.readEvents(bootstrap, topic, EventType.DATADOG_LOG, true);
            assertThat(published).extracting(CloudEvent::id).doesNotHaveDuplicates();
            assertThat(published).extracting(e -> e.data().id())
                    .containsExactlyInAnyOrderElementsOf(datadog.logs().stream().map(FakeDatadogLogs.Log::id).toList());
        }
    }

    @Test
    void killedInTheMiddleOfAKubernetesRelistReportsWhatChangedOnceAfterTheRestart(KafkaBroker broker) {
        String prefix = KafkaBroker.uniqueName("k8skill") + ".";
        String bootstrap = broker.bootstrapServers();
        String topic = Topics.K8S.withPrefix(prefix).name();
        try (ScriptedKubernetesApi api = new ScriptedKubernetesApi()) {
            var pods = api.client().pods().inNamespace(NS);
            for (int i = 1; i <= 6; i++) {
                pods.resource(Pods.pod("catalogue-" + i)).create();
            }
            Map<String, String> settings = CollectorProcesses.withKubernetes(CollectorProcesses.settings(bootstrap, prefix), api.url());
            try (ServiceProcess first = CollectorProcesses.start("collector-k8s-a", settings)) {
                first.awaitReady(Duration.ofMinutes(2));
                await("the first list published").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KafkaIO.readAll(bootstrap, topic, true).size() == 6);

                // While the pod watch is down two pods go, one changes and one comes; the watch then gets 410 Gone
                // and the informer lists again, slowly: the collector is killed in the middle of that relist.
                api.block("/pods");
                api.dropWatches("/pods");
                await().atMost(Duration.ofSeconds(30)).until(() -> api.openWatches("/pods") == 0);
                pods.withName("catalogue-1").delete();
                pods.withName("catalogue-2").delete();
                pods.withName("catalogue-3").edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "backend")
                        .endMetadata().build());
                pods.resource(Pods.pod("catalogue-7")).create();
                int lists = api.lists("/pods");
                api.gone("/pods", 1);
                api.slowNextList("/pods", Duration.ofMinutes(2));
                api.unblock("/pods");
                await("the relist under way").atMost(Duration.ofMinutes(1)).until(() -> api.slowListsAnswered() == 1);
                assertThat(api.lists("/pods")).isGreaterThan(lists);
                assertThat(api.goneAnswered()).isEqualTo(1);
                first.kill();
            }
            assertThat(KafkaIO.readAll(bootstrap, topic, true)).as("nothing of the relist was committed").hasSize(6);

            try (ServiceProcess second = CollectorProcesses.start("collector-k8s-b", settings)) {
                second.awaitReady(Duration.ofMinutes(2));
                await("the changes published").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                        .until(() -> KafkaIO.readAll(bootstrap, topic, true).size() >= 10);
                // A barrier: one more pod, on the same partition (same key), so whatever the restart published comes before it.
                pods.resource(Pods.pod("catalogue-8")).create();
                await("the barrier").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                        KafkaIO.readEvents(bootstrap, topic, EventType.K8S_OBJECT, true).stream()
                                .anyMatch(e -> e.data().name().equals("catalogue-8")));
            }
            List<CloudEvent<K8sObject>> records = KafkaIO.readEvents(bootstrap, topic, EventType.K8S_OBJECT, true);
            assertThat(records).extracting(CloudEvent::id).doesNotHaveDuplicates();
            Map<String, List<WatchAction>> byPod = records.stream().collect(Collectors.groupingBy(e -> e.data().name(),
                    TreeMap::new, Collectors.mapping(e -> e.data().action(), Collectors.toList())));
            assertThat(byPod).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "catalogue-1", List.of(WatchAction.ADDED, WatchAction.RELIST_DELETED),
                    "catalogue-2", List.of(WatchAction.ADDED, WatchAction.RELIST_DELETED),
                    "catalogue-3", List.of(WatchAction.ADDED, WatchAction.MODIFIED),
                    "catalogue-4", List.of(WatchAction.ADDED),
                    "catalogue-5", List.of(WatchAction.ADDED),
                    "catalogue-6", List.of(WatchAction.ADDED),
                    "catalogue-7", List.of(WatchAction.ADDED),
                    "catalogue-8", List.of(WatchAction.ADDED))));
            assertThat(records).filteredOn(e -> e.data().action() == WatchAction.RELIST_DELETED)
                    .allSatisfy(e -> assertThat(e.data().finalStateUnknown()).isTrue());
        }
    }
}
