package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes watch record ({@code io.sockshop.correlator.k8s.object.v1}): what the watch said
 * happened to one object, with the fields of the object that matter for incidents. Which of the
 * optional parts are set depends on the kind: {@code replicas} and {@code containers} for
 * Deployments and ReplicaSets, {@code containers} and {@code pod} for Pods, {@code event} for
 * Events, {@code job} and {@code containers} for Jobs.
 *
 * @param observedAt when the collector received it (the envelope's {@code time} is event time)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record K8sObject(
        WatchAction action,
        String cluster,
        String kind,
        String apiVersion,
        String namespace,
        String name,
        String uid,
        String resourceVersion,
        Long generation,
        Map<String, String> labels,
        List<OwnerRef> owners,
        Instant creationTimestamp,
        Instant deletionTimestamp,
        Instant observedAt,
        Boolean finalStateUnknown,
        Replicas replicas,
        List<Container> containers,
        PodStatus pod,
        EventInfo event,
        JobStatus job) {

    public K8sObject {
        Require.nonNull(action, "action");
        Require.nonBlank(cluster, "cluster");
        Require.nonBlank(kind, "kind");
        Require.nonBlank(name, "name");
        Require.nonBlank(uid, "uid");
        Require.nonBlank(resourceVersion, "resourceVersion");
        finalStateUnknown = Boolean.TRUE.equals(finalStateUnknown);
        labels = Require.map(labels, "labels");
        owners = Require.list(owners, "owners");
        containers = Require.list(containers, "containers");
        if ("Event".equals(kind) && event == null) {
            throw new IllegalArgumentException("event is required when kind is Event");
        }
        if (action == WatchAction.RELIST_DELETED && !finalStateUnknown) {
            throw new IllegalArgumentException("finalStateUnknown must be true when action is RELIST_DELETED");
        }
    }

    /** The owner marked as controller, else the first owner. */
    @JsonIgnore
    public Optional<OwnerRef> controller() {
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.controller())).findFirst()
                .or(() -> owners.stream().findFirst());
    }

    @JsonIgnore
    public boolean isDelete() {
        return action == WatchAction.DELETED || action == WatchAction.RELIST_DELETED;
    }
}
