package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sockshop.correlator.sandbox.SimRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated control plane does what a real one does for the changes the injector makes. */
class SimulatedClusterTest {

    private static final String NS = "sock-shop";
    private Instant now = Instant.parse("2025-11-05T20:43:00Z");
    private SimulatedCluster cluster;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        startWith(ScalingWording.TO_FROM);
    }

    private void startWith(ScalingWording wording) {
        cluster = SimulatedCluster.start(new SimulatedCluster.Settings(NS, "sockshop-worker", 0, wording, 0.01,
                Duration.ofSeconds(2)), new SimRandom(7), now, job -> Duration.ofSeconds(30));
        client = cluster.client();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void seedsEverySockShopDeploymentWithItsReplicaSetAndARunningReadyPod() {
        List<Deployment> deployments = client.apps().deployments().inNamespace(NS).list().getItems();
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "carts", "carts-db", "catalogue", "catalogue-db", "front-end", "orders", "orders-db", "payment",
                "queue-master", "rabbitmq", "session-db", "shipping", "user", "user-db");
        assertThat(deployments).allSatisfy(d -> assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1));
        Pod frontEnd = pod("front-end");
        assertThat(frontEnd.getMetadata().getName()).matches("front-end-[a-z0-9]{9}-[a-z0-9]{5}");
        assertThat(frontEnd.getMetadata().getLabels()).containsEntry("name", "front-end").containsKey("pod-template-hash");
        assertThat(frontEnd.getSpec().getContainers().get(0).getImage()).isEqualTo("weaveworksdemos/front-end:0.3.12");
        assertThat(frontEnd.getSpec().getContainers().get(0).getResources().getLimits().get("memory").toString())
                .isEqualTo("1000Mi");
        assertThat(frontEnd.getStatus().getPhase()).isEqualTo("Running");
        assertThat(frontEnd.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
        assertThat(frontEnd.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("ReplicaSet");
        assertThat(pod("rabbitmq").getSpec().getContainers()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(ScalingWording.class)
    void scaleToZeroRemovesThePodWithTheEventsOfARealCluster(ScalingWording wording) {
        stop();
        startWith(wording);
        String podName = pod("payment").getMetadata().getName();
        String rsName = podName.substring(0, podName.lastIndexOf('-'));
        client.apps().deployments().inNamespace(NS).withName("payment").scale(0);
        advance(5);

        assertThat(podsOf("payment")).isEmpty();
        assertThat(client.apps().deployments().inNamespace(NS).withName("payment").get().getStatus()
                .getAvailableReplicas()).isZero();
        String expected = switch (wording) {
            case LEGACY -> "Scaled down replica set " + rsName + " to 0";
            case TO_FROM -> "Scaled down replica set " + rsName + " to 0 from 1";
            case FROM_TO -> "Scaled down replica set " + rsName + " from 1 to 0";
        };
        assertThat(messages("ScalingReplicaSet")).contains(expected);
        assertThat(messages("SuccessfulDelete")).contains("Deleted pod: " + podName);
        assertThat(messages("Killing")).contains("Stopping container payment");
    }

    @Test
    void scaleBackUpStartsANewPodThatBecomesReady() {
        client.apps().deployments().inNamespace(NS).withName("queue-master").scale(0);
        advance(5);
        client.apps().deployments().inNamespace(NS).withName("queue-master").scale(1);
        advance(3);
        assertThat(podsOf("queue-master")).singleElement().satisfies(p ->
                assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isTrue());
        assertThat(messages("Scheduled")).anyMatch(m -> m.startsWith("Successfully assigned sock-shop/queue-master-"));
        assertThat(messages("Started")).contains("Started container queue-master");
    }

    @Test
    void changingResourcesIsARollingUpdateThatKeepsTheDeploymentAvailable() {
        String oldPod = pod("catalogue-db").getMetadata().getName();
        client.apps().deployments().inNamespace(NS).withName("catalogue-db").edit(d -> {
            // catalogue-db has no resources in the manifest: the injector sets limits where there were none
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(
                    new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                            .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("50m"))
                            .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("128Mi")).build());
            return d;
        });
        boolean everUnavailable = false;
        for (int i = 0; i < 8; i++) {
            advance(1);
            Integer available = client.apps().deployments().inNamespace(NS).withName("catalogue-db").get().getStatus()
                    .getAvailableReplicas();
            everUnavailable |= available == null || available == 0;
        }
        assertThat(everUnavailable).as("maxUnavailable 0: a rolling update never drops below one ready pod").isFalse();
        Pod newPod = pod("catalogue-db");
        assertThat(newPod.getMetadata().getName()).isNotEqualTo(oldPod);
        assertThat(newPod.getSpec().getContainers().get(0).getResources().getLimits().get("cpu").toString()).isEqualTo("50m");
        assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getName().startsWith("catalogue-db-"))).hasSize(2);
        assertThat(messages("ScalingReplicaSet")).anyMatch(m -> m.startsWith("Scaled up replica set catalogue-db-"))
                .anyMatch(m -> m.startsWith("Scaled down replica set catalogue-db-"));
    }

    @Test
    void crashesRestartThenBackOffWithCrashLoopBackOffAndBackOffEvents() {
        PodRecord frontEnd = cluster.kubelet().podsOf("front-end").get(0);
        for (int crash = 0; crash < 3; crash++) {
            cluster.kubelet().containerDied(frontEnd, "front-end", "OOMKilled", 137, now);
            advance(1);
        }
        var status = pod("front-end").getStatus().getContainerStatuses().get(0);
        assertThat(status.getRestartCount()).isEqualTo(2);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(status.getReady()).isFalse();
        assertThat(messages("BackOff")).anyMatch(m -> m.startsWith("Back-off restarting failed container front-end in pod front-end-"));
        assertThat(client.apps().deployments().inNamespace(NS).withName("front-end").get().getStatus()
                .getAvailableReplicas()).isZero();
        advance(25);
        assertThat(pod("front-end").getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
    }

    private void advance(int seconds) {
        for (int i = 0; i < seconds; i++) {
            now = now.plusSeconds(1);
            cluster.step(now);
        }
    }

    private Pod pod(String service) {
        return podsOf(service).get(0);
    }

    private List<Pod> podsOf(String service) {
        return client.pods().inNamespace(NS).withLabel("name", service).list().getItems();
    }

    private List<String> messages(String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).map(Event::getMessage).toList();
    }
}
