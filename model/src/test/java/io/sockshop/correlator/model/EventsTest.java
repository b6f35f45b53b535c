package io.sockshop.correlator.model;

import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.WatchAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The envelope factories give every producer the same ids, sources, subjects and keys. */
class EventsTest {

    private static final Instant T = Instant.parse("2025-11-05T20:43:00Z");

    @Test
    void kubernetesRecordIsKeyedByApplication() {
        K8sObject deployment = deployment(WatchAction.MODIFIED, "701233");
        CloudEvent<K8sObject> event = Events.k8s(deployment, T);
        assertThat(event.partitionkey()).isEqualTo("kind-sockshop/sock-shop");
        assertThat(event.source()).isEqualTo("/collector/k8s/kind-sockshop");
        assertThat(event.subject()).isEqualTo("sock-shop/Deployment/queue-master");
        assertThat(event.id()).isEqualTo("k8s/uid-qm/701233");
        assertThat(event.time()).isEqualTo(T);
    }

    @Test
    void relistOfAKnownVersionGivesTheSameIdSoConsumersDeduplicate() {
        assertThat(Events.k8s(deployment(WatchAction.ADDED, "701233"), T).id())
                .isEqualTo(Events.k8s(deployment(WatchAction.MODIFIED, "701233"), T.plusSeconds(60)).id());
        assertThat(Events.k8s(deployment(WatchAction.DELETED, "701233"), T).id()).endsWith("/deleted");
    }

    @Test
    void logEventUsesDatadogsIdAndTimestamp() {
        DatadogLog log = new DatadogLog("AQAAAYAZ", T, "shipping", "info", "node", "Adding shipment to queue...",
                List.of("kube_namespace:sock-shop", "kube_deployment:shipping"), Map.of());
        CloudEvent<DatadogLog> event = Events.datadogLog(ApplicationKey.of("kind-sockshop", "sock-shop"), log);
        assertThat(event.id()).isEqualTo("dd-log/AQAAAYAZ");
        assertThat(event.time()).isEqualTo(T);
        assertThat(log.tag("kube_deployment")).contains("shipping");
        assertThat(log.tag("kube")).isEmpty();
    }

    @Test
    void invalidDataCannotBeBuiltEither() {
        assertThatThrownBy(() -> deployment(WatchAction.MODIFIED, " "))
                .hasMessage("resourceVersion is required and must not be blank");
    }

    private static K8sObject deployment(WatchAction action, String resourceVersion) {
        return new K8sObject(action, "kind-sockshop", "Deployment", "apps/v1", "sock-shop", "queue-master", "uid-qm",
                resourceVersion, 2L, Map.of("name", "queue-master"), List.of(), null, null, T, false,
                null, List.of(), null, null, null);
    }
}
