package io.sockshop.correlator.collector.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventSeriesBuilder;
import io.sockshop.correlator.collector.Fixtures;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.WatchAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Mapping of the real objects under reference/k8s, and of events.k8s.io/v1 Events, into the contract. */
class K8sObjectMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OBSERVED = Instant.parse("2025-11-09T08:00:00Z");
    private final K8sObjectMapper mapper = new K8sObjectMapper("kind-sockshop");

    @Test
    void mapsTheRealCataloguePod() throws Exception {
        Pod pod = JSON.treeToValue(Fixtures.json("k8s/catalogue-pod.json"), Pod.class);
        K8sObject o = mapper.map(pod, WatchAction.MODIFIED, OBSERVED);
        assertThat(o.uid()).isEqualTo("6edbc484-dd8f-48dc-9e43-4b01dc822d96");
        assertThat(o.resourceVersion()).isEqualTo("634375");
        assertThat(o.labels()).containsEntry("name", "catalogue");
        assertThat(o.owners()).singleElement().satisfies(owner -> {
            assertThat(owner.kind()).isEqualTo("ReplicaSet");
            assertThat(owner.controller()).isTrue();
        });
        assertThat(o.containers()).singleElement().satisfies(c -> {
            assertThat(c.requests().cpu()).isEqualTo("100m");
            assertThat(c.limits().memory()).isEqualTo("200Mi");
        });
        var status = o.pod().containerStatuses().get(0);
        assertThat(status.restartCount()).isEqualTo(29);
        assertThat(status.state().running().startedAt()).isEqualTo("2025-11-09T07:24:39Z");
        assertThat(status.lastState().terminated().exitCode()).isEqualTo(255);
        assertThat(status.lastState().terminated().reason()).isEqualTo("Unknown");
        assertThat(o.pod().nodeName()).isEqualTo("sockshop-worker");
        assertThat(o.pod().conditions()).extracting(c -> c.type()).contains("Ready", "ContainersReady");
        // Latest time in the object: the Ready condition's transition.
        assertThat(K8sObjectMapper.eventTime(o)).isEqualTo("2025-11-09T07:25:12Z");
    }

    @Test
    void mapsTheRealCatalogueDeploymentAndTimesItWhenObserved() throws Exception {
        Deployment deployment = JSON.treeToValue(Fixtures.json("k8s/catalogue-deployment.json"), Deployment.class);
        K8sObject o = mapper.map(deployment, WatchAction.ADDED, OBSERVED);
        assertThat(o.replicas().desired()).isEqualTo(1);
        assertThat(o.replicas().current()).isEqualTo(1);
        assertThat(o.replicas().ready()).isEqualTo(1);
        assertThat(o.replicas().available()).isEqualTo(1);
        assertThat(o.replicas().updated()).isEqualTo(1);
        assertThat(o.replicas().unavailable()).isZero();
        assertThat(o.generation()).isEqualTo(12L);
        assertThat(o.containers().get(0).limits().cpu()).isEqualTo("200m");
        assertThat(K8sObjectMapper.eventTime(o)).isEqualTo(OBSERVED);
    }

    @Test
    void mapsRealCoreEvents() throws Exception {
        var items = Fixtures.json("k8s/events-core-v1.json").get("items");
        K8sObject scaling = mapper.map(JSON.treeToValue(items.get(1), io.fabric8.kubernetes.api.model.Event.class),
                WatchAction.ADDED, OBSERVED);
        assertThat(scaling.kind()).isEqualTo("Event");
        assertThat(scaling.event().message()).isEqualTo("Scaled down replica set coredns-6f6b679f8f to 1 from 2");
        assertThat(scaling.event().involvedObject().kind()).isEqualTo("Deployment");
        assertThat(scaling.event().source().component()).isEqualTo("deployment-controller");
        assertThat(scaling.event().reportingInstance()).isNull();
        K8sObject unhealthy = mapper.map(withKind(items.get(4)), WatchAction.MODIFIED, OBSERVED);
        assertThat(unhealthy.event().reason()).isEqualTo("Unhealthy");
        assertThat(unhealthy.event().count()).isEqualTo(4);
        assertThat(unhealthy.event().type()).isEqualTo("Warning");
        assertThat(unhealthy.event().source().host()).isEqualTo("minikube");
        assertThat(unhealthy.event().involvedObject().fieldPath()).isEqualTo("spec.containers{coredns}");
        assertThat(unhealthy.event().apiVersion()).isEqualTo("v1");
        assertThat(K8sObjectMapper.eventTime(unhealthy)).isEqualTo("2024-11-17T10:20:12Z");
    }

    private static io.fabric8.kubernetes.api.model.Event withKind(com.fasterxml.jackson.databind.JsonNode node) throws Exception {
        var event = JSON.treeToValue(node, io.fabric8.kubernetes.api.model.Event.class);
        event.setKind("Event");
        event.setApiVersion("v1");
        return event;
    }

    /** events.k8s.io/v1 as the API reference describes it (no real capture exists, see FORMATS.md §5). */
    @Test
    void normalisesEventsK8sIoV1IntoTheSameEventInfo() {
        var event = new EventBuilder().withNewMetadata().withName("front-end-6b8c7d9f5-x2kqp.18a7").withNamespace("sock-shop")
                .withUid("e1").withResourceVersion("77").endMetadata()
                .withReason("BackOff").withNote("Back-off restarting failed container front-end in pod front-end-6b8c7d9f5-x2kqp_sock-shop(6edb)")
                .withType("Warning").withAction("Restarting")
                .withEventTime(new MicroTime("2025-11-05T10:20:00.000000Z"))
                .withSeries(new EventSeriesBuilder().withCount(5).withLastObservedTime(new MicroTime("2025-11-05T10:23:41.123456Z")).build())
                .withRegarding(new ObjectReferenceBuilder().withKind("Pod").withNamespace("sock-shop")
                        .withName("front-end-6b8c7d9f5-x2kqp").withFieldPath("spec.containers{front-end}").build())
                .withReportingController("kubelet").withReportingInstance("sockshop-worker").build();
        K8sObject o = mapper.map(event, WatchAction.MODIFIED, OBSERVED);
        assertThat(o.kind()).isEqualTo("Event");
        assertThat(o.event().message()).startsWith("Back-off restarting failed container front-end");
        assertThat(o.event().count()).isEqualTo(5);
        assertThat(o.event().involvedObject().name()).isEqualTo("front-end-6b8c7d9f5-x2kqp");
        assertThat(o.event().involvedObject().fieldPath()).isEqualTo("spec.containers{front-end}");
        assertThat(o.event().lastTimestamp()).isEqualTo("2025-11-05T10:23:41.123456Z");
        assertThat(o.event().firstTimestamp()).isEqualTo("2025-11-05T10:20:00Z");
        assertThat(o.event().apiVersion()).isEqualTo("events.k8s.io/v1");
        assertThat(o.event().reportingController()).isEqualTo("kubelet");
        assertThat(K8sObjectMapper.eventTime(o)).isEqualTo("2025-11-05T10:23:41.123456Z");
    }
}
