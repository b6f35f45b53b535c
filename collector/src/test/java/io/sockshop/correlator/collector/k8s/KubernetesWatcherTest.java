package io.sockshop.correlator.collector.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sockshop.correlator.collector.Collector;
import io.sockshop.correlator.collector.Fixtures;
import io.sockshop.correlator.collector.TestCollectors;
import io.sockshop.correlator.collector.kafka.KafkaSettings;
import io.sockshop.correlator.collector.kafka.TopicReader;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.WatchAction;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Informers against fabric8's mock API server in CRUD mode, into a real broker. */
@WithKafka
class KubernetesWatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = TestCollectors.NAMESPACE;

    private ScriptedKubernetesApi api;
    private KubernetesClient client;
    private Collector collector;
    private TopicReader<K8sObject> reader;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        api = new ScriptedKubernetesApi();
        client = api.client();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() {
        if (collector != null) {
            collector.close();
        }
        if (reader != null) {
            reader.close();
        }
        api.close();
    }

    private void start(KafkaBroker broker, Duration resync) {
        String prefix = KafkaBroker.uniqueName("k8s") + ".";
        KafkaSettings kafka = TestCollectors.kafka(broker, prefix);
        collector = TestCollectors.kubernetesOnly(kafka, client, resync, KubernetesSettings.EventsApi.CORE, registry);
        await().atMost(Duration.ofSeconds(60)).until(collector::ready);
        reader = new TopicReader<>(broker, Topics.K8S, kafka.k8sTopic());
    }

    private CloudEvent<K8sObject> awaitRecord(Predicate<K8sObject> match) {
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.events().stream().anyMatch(e -> match.test(e.data())));
        return reader.events().stream().filter(e -> match.test(e.data())).findFirst().orElseThrow();
    }

    private static Pod cataloguePod() throws Exception {
        Pod pod = JSON.treeToValue(Fixtures.json("k8s/catalogue-pod.json"), Pod.class);
        pod.getMetadata().setResourceVersion(null);
        return pod;
    }

    private static Deployment catalogueDeployment() throws Exception {
        Deployment deployment = JSON.treeToValue(Fixtures.json("k8s/catalogue-deployment.json"), Deployment.class);
        deployment.getMetadata().setResourceVersion(null);
        return deployment;
    }

    @Test
    void createScaleChangeLimitsAndDeleteGiveTheRightRecords(KafkaBroker broker) throws Exception {
        client.apps().deployments().inNamespace(NS).resource(catalogueDeployment()).create();
        start(broker, Duration.ofMinutes(10));

        CloudEvent<K8sObject> added = awaitRecord(o -> o.kind().equals("Deployment") && o.action() == WatchAction.ADDED);
        assertThat(added.partitionkey()).isEqualTo("kind-sockshop/sock-shop");
        assertThat(added.subject()).isEqualTo("sock-shop/Deployment/catalogue");
        assertThat(added.id()).isEqualTo("k8s/" + added.data().uid() + "/" + added.data().resourceVersion());
        assertThat(added.data().replicas().desired()).isEqualTo(1);
        assertThat(added.data().replicas().available()).isEqualTo(1);
        assertThat(added.data().containers()).singleElement().satisfies(c -> {
            assertThat(c.limits().cpu()).isEqualTo("200m");
            assertThat(c.limits().memory()).isEqualTo("200Mi");
        });

        client.apps().deployments().inNamespace(NS).withName("catalogue")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(0).endSpec().build());
        awaitRecord(o -> o.kind().equals("Deployment") && o.action() == WatchAction.MODIFIED
                && o.replicas().desired() == 0);

        client.apps().deployments().inNamespace(NS).withName("catalogue")
                .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                        .editResources().addToLimits("cpu", new Quantity("50m")).endResources()
                        .endContainer().endSpec().endTemplate().endSpec().build());
        awaitRecord(o -> o.kind().equals("Deployment") && "50m".equals(o.containers().get(0).limits().cpu()));

        client.pods().inNamespace(NS).resource(cataloguePod()).create();
        CloudEvent<K8sObject> pod = awaitRecord(o -> o.kind().equals("Pod") && o.action() == WatchAction.ADDED);
        assertThat(pod.data().pod().containerStatuses().get(0).restartCount()).isEqualTo(29);
        assertThat(pod.data().owners()).singleElement().satisfies(o -> assertThat(o.name()).isEqualTo("catalogue-f4cd6c6f4"));

        client.pods().inNamespace(NS).withName("catalogue-f4cd6c6f4-gfqmd").edit(p -> new PodBuilder(p).editStatus()
                .editFirstContainerStatus().withRestartCount(30).editLastState().editTerminated()
                .withReason("OOMKilled").withExitCode(137).withFinishedAt("2025-11-09T08:00:00Z").endTerminated()
                .endLastState().endContainerStatus().endStatus().build());
        CloudEvent<K8sObject> oom = awaitRecord(o -> o.kind().equals("Pod") && o.action() == WatchAction.MODIFIED);
        assertThat(oom.data().pod().containerStatuses().get(0).lastState().terminated().reason()).isEqualTo("OOMKilled");
        assertThat(oom.data().pod().containerStatuses().get(0).restartCount()).isEqualTo(30);
        assertThat(oom.time()).isEqualTo("2025-11-09T08:00:00Z");

        client.pods().inNamespace(NS).withName("catalogue-f4cd6c6f4-gfqmd").delete();
        CloudEvent<K8sObject> deleted = awaitRecord(o -> o.kind().equals("Pod") && o.action() == WatchAction.DELETED);
        assertThat(deleted.id()).endsWith("/deleted");
        assertThat(deleted.data().finalStateUnknown()).isFalse();

        Event backOff = JSON.treeToValue(Fixtures.json("k8s/events-core-v1.json").get("items").get(6), Event.class);
        backOff.getMetadata().setNamespace(NS);
        backOff.getMetadata().setResourceVersion(null);
        client.v1().events().inNamespace(NS).resource(backOff).create();
        CloudEvent<K8sObject> event = awaitRecord(o -> o.kind().equals("Event"));
        assertThat(event.data().event().reason()).isEqualTo("BackOff");
        assertThat(event.data().event().count()).isEqualTo(10);
        assertThat(event.data().event().involvedObject().fieldPath()).isEqualTo("spec.containers{nginx}");
        assertThat(event.time()).isEqualTo("2026-04-17T12:00:17Z");

        assertThat(reader.events()).extracting(CloudEvent::id).doesNotHaveDuplicates();
    }

    @Test
    void aScripted410LeadsToARelistAndAFinalStateUnknownDelete(KafkaBroker broker) throws Exception {
        client.pods().inNamespace(NS).resource(cataloguePod()).create();
        Pod other = new PodBuilder(cataloguePod()).editMetadata().withName("catalogue-f4cd6c6f4-other")
                .withUid("11111111-2222-3333-4444-555555555555").endMetadata().build();
        client.pods().inNamespace(NS).resource(other).create();
        start(broker, Duration.ofMinutes(10));
        awaitRecord(o -> o.name().equals("catalogue-f4cd6c6f4-other") && o.action() == WatchAction.ADDED);
        CloudEvent<K8sObject> seen = awaitRecord(o -> o.name().equals("catalogue-f4cd6c6f4-gfqmd"));

        // The monitor samples once a second: let it see the watch up before taking it down, or the
        // loss and the return may both fall before its first sample and no reconnect is counted.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.get("collector.informer.watching").tag("kind", "Pod").gauge().value() == 1);
        // The pod goes while the watch is down; the watch comes back with 410 Gone.
        api.whileWatchIsDown("/pods", () -> {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    registry.get("collector.informer.watching").tag("kind", "Pod").gauge().value() == 0);
            client.pods().inNamespace(NS).withName("catalogue-f4cd6c6f4-gfqmd").delete();
        });

        CloudEvent<K8sObject> gone = awaitRecord(o -> o.action() == WatchAction.RELIST_DELETED);
        assertThat(api.goneAnswered()).isEqualTo(1);
        assertThat(gone.data().name()).isEqualTo("catalogue-f4cd6c6f4-gfqmd");
        assertThat(gone.data().finalStateUnknown()).isTrue();
        assertThat(gone.id()).isEqualTo(seen.id() + "/deleted");
        assertThat(gone.data().pod().containerStatuses().get(0).restartCount()).isEqualTo(29);
        await().atMost(Duration.ofSeconds(30)).until(collector::ready);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.get("collector.informer.reconnects").tag("kind", "Pod").counter().count() >= 1);
        assertThat(reader.events()).filteredOn(e -> e.data().name().equals("catalogue-f4cd6c6f4-other"))
                .extracting(e -> e.data().action()).containsExactly(WatchAction.ADDED);
    }

    @Test
    void aResyncPublishesNothingNew(KafkaBroker broker) throws Exception {
        client.pods().inNamespace(NS).resource(cataloguePod()).create();
        client.apps().deployments().inNamespace(NS).resource(catalogueDeployment()).create();
        start(broker, Duration.ofSeconds(1));
        awaitRecord(o -> o.kind().equals("Pod"));
        awaitRecord(o -> o.kind().equals("Deployment"));

        // Several resyncs of both objects, each an onUpdate of an unchanged version.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.get("collector.k8s.unchanged.skipped").counter().count() >= 6);
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.publisher().bufferedBytes() == 0);
        List<CloudEvent<K8sObject>> all = reader.readToEnd();
        assertThat(all).hasSize(2);
    }
}
