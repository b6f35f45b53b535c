package io.sockshop.correlator.reliability;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.WatchAction;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.CollectorProcesses;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.Pods;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.collector.k8s.ScriptedKubernetesApi;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged collector's informers against an API server that drops watches again and again and
 * answers every watch attempt of a round with 410 Gone (a storm: relist, watch, 410, relist, ...),
 * while pods and deployments change, go and come: the informers recover by themselves, every delete
 * missed while the watch was down is reported once as RELIST_DELETED, every change once, and watches
 * dropped with nothing changed publish nothing.
 */
@WithKafka
class KubernetesApiFaultsTest {

    private static final String NS = "sock-shop";
    private static final int ROUNDS = 4;
    private static final int GONE_PER_ROUND = 3;

    @Test
    void informersRecoverFrom410StormsAndDroppedWatchesAndReportMissedDeletesOnce(KafkaBroker broker) throws Exception {
        String prefix = KafkaBroker.uniqueName("storm") + ".";
        String bootstrap = broker.bootstrapServers();
        String topic = Topics.K8S.withPrefix(prefix).name();
        ScriptedKubernetesApi api = new ScriptedKubernetesApi();
        try (api) {
            var pods = api.client().pods().inNamespace(NS);
            var deployments = api.client().apps().deployments().inNamespace(NS);
            for (int i = 1; i <= 8; i++) {
                pods.resource(Pods.pod("pod-" + i)).create();
            }
            deployments.resource(Pods.deployment("catalogue")).create();
            deployments.resource(Pods.deployment("carts")).create();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                expected.add("pod-" + i + " ADDED");
            }
            expected.add("catalogue ADDED");
            expected.add("carts ADDED");

            try (ServiceProcess collector = CollectorProcesses.start("collector-storm",
                    CollectorProcesses.withKubernetes(CollectorProcesses.settings(bootstrap, prefix), api.url()))) {
                collector.awaitReady(Duration.ofMinutes(2));
                awaitRecords(bootstrap, topic, expected);

                int next = 9;
                for (int round = 1; round <= ROUNDS; round++) {
                    // Watches go down; while they are refused, things change; then every watch attempt gets 410 a few times.
                    api.block("/pods");
                    api.block("/deployments");
                    api.dropWatches("/pods");
                    api.dropWatches("/deployments");
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> api.openWatches("/pods") == 0 && api.openWatches("/deployments") == 0);
                    String gone = "pod-" + round;
                    String changed = "pod-" + (round + 4);
                    String added = "pod-" + next++;
                    pods.withName(gone).delete();
                    pods.withName(changed).edit(p -> new PodBuilder(p).editMetadata().addToLabels("round", "r" + p.getMetadata()
                            .getResourceVersion()).endMetadata().build());
                    pods.resource(Pods.pod(added)).create();
                    // The recorded Deployment has 1 replica: round + 1 is a change in every round.
                    int replicas = round + 1;
                    deployments.withName("carts").edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(replicas)
                            .endSpec().build());
                    expected.add(gone + " RELIST_DELETED");
                    expected.add(changed + " MODIFIED");
                    expected.add(added + " ADDED");
                    expected.add("carts MODIFIED");
                    api.gone("/pods", GONE_PER_ROUND);
                    api.gone("/deployments", GONE_PER_ROUND);
                    api.unblock("/pods");
                    api.unblock("/deployments");
                    try {
                        awaitRecords(bootstrap, topic, expected);
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        throw new AssertionError("round " + round + ": the collector's metrics then: " + collector.metrics()
                                .samples().entrySet().stream().filter(m -> m.getKey().startsWith("collector_"))
                                .map(Object::toString).toList(), e);
                    }
                    collector.awaitReady(Duration.ofMinutes(1));
                }
                assertThat(api.goneAnswered()).as("410s answered").isEqualTo(ROUNDS * GONE_PER_ROUND * 2);

                // Watches dropped with nothing changed: the informers reconnect and publish nothing.
                for (int drop = 0; drop < 3; drop++) {
                    api.dropWatches("/pods");
                    api.dropWatches("/deployments");
                    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                            .until(() -> api.openWatches("/pods") == 1 && api.openWatches("/deployments") == 1);
                }
                // A barrier on the same partition: whatever the drops published comes before it.
                pods.resource(Pods.pod("barrier")).create();
                expected.add("barrier ADDED");
                awaitRecords(bootstrap, topic, expected);
                collector.awaitReady(Duration.ofMinutes(1));

                // The collector samples "watching" once a second: a watch back within the second is not seen as a
                // reconnect, so the counter shows that the informers reconnected, not how often (docs/reliability.md);
                // and the gauge may trail readiness by a sample.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    var metrics = collector.metrics();
                    assertThat(metrics.sum("collector_informer_reconnects_total", "kind=\"Pod\""))
                            .as("reconnects counted").isPositive();
                    assertThat(metrics.sum("collector_informer_watching", "kind=\"Pod\"")).isEqualTo(1.0);
                    assertThat(metrics.sum("collector_informer_watching", "kind=\"Deployment\"")).isEqualTo(1.0);
                });
                assertThat(collector.healthStatus("/q/health/live")).isEqualTo(200);
            }
            List<CloudEvent<K8sObject>> records = KafkaIO.readEvents(bootstrap, topic, EventType.K8S_OBJECT, true);
            assertThat(records).extracting(CloudEvent::id).doesNotHaveDuplicates();
            assertThat(records).extracting(e -> e.data().name() + " " + e.data().action())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(records).filteredOn(e -> e.data().action() == WatchAction.RELIST_DELETED)
                    .hasSize(ROUNDS).allSatisfy(e -> assertThat(e.data().finalStateUnknown()).isTrue());
        } finally {
            // What the API server was asked and answered, next to the collector's log, for a failure's post-mortem.
            java.nio.file.Path log = java.nio.file.Path.of("target", "reliability-logs", "kubernetes-api-storm-requests.log");
            java.nio.file.Files.createDirectories(log.getParent());
            java.nio.file.Files.write(log, api.requests());
        }
    }

    private static void awaitRecords(String bootstrap, String topic, List<String> expected) {
        await("records " + expected.subList(Math.max(0, expected.size() - 4), expected.size()))
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                        KafkaIO.readEvents(bootstrap, topic, EventType.K8S_OBJECT, true).stream()
                                .map(e -> e.data().name() + " " + e.data().action()).toList().containsAll(expected));
    }
}
