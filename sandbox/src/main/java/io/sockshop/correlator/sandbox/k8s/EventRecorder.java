package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes core/v1 Events the way Kubernetes does: a repeat of the same reason and message about the
 * same object bumps {@code count} and {@code lastTimestamp} on the existing Event (a MODIFIED on the
 * watch), it does not create a new one.
 */
public final class EventRecorder {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> eventNameByKey = new HashMap<>();

    public EventRecorder(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Records one occurrence; {@code fieldPath} and {@code host} may be null. */
    public void record(Instant now, HasMetadata about, String fieldPath, String type, String reason, String message,
                       String component, String host) {
        String key = about.getMetadata().getUid() + "|" + reason + "|" + message;
        String existingName = eventNameByKey.get(key);
        if (existingName != null) {
            Event existing = client.v1().events().inNamespace(namespace).withName(existingName).get();
            if (existing != null) {
                existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                existing.setLastTimestamp(KubeTime.time(now));
                existing.getMetadata().setResourceVersion(null);
                client.v1().events().inNamespace(namespace).resource(existing).update();
                return;
            }
        }
        String name = about.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L
                + now.getNano() + eventNameByKey.size());
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .withCreationTimestamp(KubeTime.time(now))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withKind(about.getKind())
                        .withNamespace(namespace)
                        .withName(about.getMetadata().getName())
                        .withUid(about.getMetadata().getUid())
                        .withApiVersion(about.getApiVersion())
                        .withResourceVersion(about.getMetadata().getResourceVersion())
                        .withFieldPath(fieldPath)
                        .build())
                .withReason(reason)
                .withMessage(message)
                .withType(type)
                .withCount(1)
                .withFirstTimestamp(KubeTime.time(now))
                .withLastTimestamp(KubeTime.time(now))
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component)
                .withReportingInstance(host == null ? "" : host)
                .build();
        client.v1().events().inNamespace(namespace).resource(event).create();
        eventNameByKey.put(key, name);
    }
}
