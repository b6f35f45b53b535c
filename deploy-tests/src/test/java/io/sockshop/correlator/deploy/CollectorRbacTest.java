package io.sockshop.correlator.deploy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sockshop.correlator.collector.Collector;
import io.sockshop.correlator.collector.datadog.Sleeper;
import io.sockshop.correlator.collector.k8s.KubernetesSettings;
import io.sockshop.correlator.collector.kafka.KafkaSettings;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector's rendered Role allows exactly the API calls the collector makes, no more: its own
 * informers (the collector module's KubernetesWatcher) run with the settings of the rendered
 * Deployment against fabric8's mock API server, through a first start, changes, deletions and a
 * restart, and every request they make is compared with the Role bound to the Deployment's
 * ServiceAccount in each watched namespace.
 */
@WithKafka
class CollectorRbacTest {

    @Test
    void theRoleGrantsExactlyTheCallsTheCollectorsInformersMake(KafkaBroker broker) {
        Manifests manifests = Manifests.render("k8s/overlays/kind");
        Deployment deployment = manifests.one(Deployment.class, "sockshop-collector");
        Map<String, String> env = KustomizeRenderTest.env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
        List<String> namespaces = List.of(env.get("COLLECTOR_KUBERNETES_NAMESPACES").split(","));
        KubernetesSettings settings = new KubernetesSettings(env.get("COLLECTOR_CLUSTER"), namespaces, Duration.ofMinutes(5),
                eventsApi(env.getOrDefault("COLLECTOR_KUBERNETES_EVENTS_API", "auto")));

        List<ApiCall> calls = new ArrayList<>();
        try (RecordingKubernetesApi api = new RecordingKubernetesApi()) {
            namespaces.forEach(ns -> seed(api.admin(), ns));
            String prefix = KafkaBroker.uniqueName("rbac") + ".";
            KafkaSettings kafka = new KafkaSettings(broker.clientConfig(), prefix, KafkaSettings.DEFAULT_CHECKPOINT_TOPIC,
                    "collector-" + prefix, 16 * 1024 * 1024, 3, Duration.ofMillis(200));
            for (int start = 0; start < 2; start++) {
                try (KubernetesClient client = api.clientUnderTest();
                     Collector collector = new Collector(kafka, settings, client, null, Clock.systemUTC(), Sleeper.REAL,
                             new SimpleMeterRegistry()).start()) {
                    await().atMost(Duration.ofSeconds(90)).until(collector::ready);
                    // Changes reach the informers through their open watches; the second start relists.
                    namespaces.forEach(ns -> change(api.admin(), ns));
                }
            }
            api.requests().forEach(request -> calls.add(ApiCall.parse(request)));
        }

        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        for (String namespace : namespaces) {
            RoleBinding binding = manifests.all(RoleBinding.class).stream()
                    .filter(b -> b.getMetadata().getNamespace().equals(namespace))
                    .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getName().equals(account)
                            && s.getNamespace().equals(deployment.getMetadata().getNamespace())))
                    .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding of " + account + " in " + namespace));
            Role role = manifests.all(Role.class).stream()
                    .filter(r -> r.getMetadata().getNamespace().equals(namespace))
                    .filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName())).findFirst().orElseThrow();
            Set<String> granted = ApiCall.granted(role);
            Set<String> used = new TreeSet<>();
            calls.stream().filter(c -> c.namespace().equals(namespace)).forEach(c -> used.add(c.permission()));
            assertThat(granted).as("every call the collector makes in " + namespace + " is allowed").containsAll(used);
            assertThat(used).as("nothing granted in " + namespace + " that the collector does not use").containsAll(granted);
            assertThat(used).containsExactlyInAnyOrder("core/pods:list", "core/pods:watch", "apps/deployments:list",
                    "apps/deployments:watch", "apps/replicasets:list", "apps/replicasets:watch", "batch/jobs:list",
                    "batch/jobs:watch", "events.k8s.io/events:list", "events.k8s.io/events:watch");
        }
        assertThat(calls).isNotEmpty()
                .allSatisfy(call -> assertThat(call.namespace()).as("only watched namespaces").isIn(namespaces));
    }

    private static KubernetesSettings.EventsApi eventsApi(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> KubernetesSettings.EventsApi.AUTO;
            case "core" -> KubernetesSettings.EventsApi.CORE;
            case "events.k8s.io" -> KubernetesSettings.EventsApi.EVENTS_K8S_IO;
            default -> throw new AssertionError("unknown collector.kubernetes.events-api " + value);
        };
    }

    /** One object of each watched kind, as Sock Shop has them. */
    private static void seed(KubernetesClient client, String namespace) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withMetadata(meta("catalogue", namespace)).withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("name", "catalogue").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("name", "catalogue").endMetadata()
                .withNewSpec().addNewContainer().withName("catalogue").withImage("weaveworksdemos/catalogue:0.3.5")
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withMetadata(meta("catalogue-f4cd6c6f4", namespace)).withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("name", "catalogue").endSelector().endSpec().build()).create();
        client.pods().inNamespace(namespace).resource(new PodBuilder().withMetadata(meta("catalogue-f4cd6c6f4-x2kqp", namespace))
                .withNewSpec().addNewContainer().withName("catalogue").withImage("weaveworksdemos/catalogue:0.3.5")
                .endContainer().endSpec().build()).create();
        client.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder().withMetadata(meta("locust", namespace))
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("locust")
                .withImage("locustio/locust:2.31.8").endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.events().v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withMetadata(meta("catalogue.1875e0a6b0c2d3e4", namespace)).withReason("ScalingReplicaSet")
                .withNote("Scaled down replica set catalogue-f4cd6c6f4 to 0 from 1").withType("Normal")
                .withNewRegarding().withKind("Deployment").withName("catalogue").withNamespace(namespace).endRegarding()
                .build()).create();
    }

    /** A scale, a deleted pod, a new event: what the informers see during an incident. */
    private static void change(KubernetesClient client, String namespace) {
        client.apps().deployments().inNamespace(namespace).withName("catalogue")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(d.getSpec().getReplicas() == 0 ? 1 : 0).endSpec().build());
        client.pods().inNamespace(namespace).withName("catalogue-f4cd6c6f4-x2kqp").delete();
        client.pods().inNamespace(namespace).resource(new PodBuilder().withMetadata(meta("catalogue-f4cd6c6f4-x2kqp", namespace))
                .withNewSpec().addNewContainer().withName("catalogue").withImage("weaveworksdemos/catalogue:0.3.5")
                .endContainer().endSpec().build()).create();
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).build();
    }
}
