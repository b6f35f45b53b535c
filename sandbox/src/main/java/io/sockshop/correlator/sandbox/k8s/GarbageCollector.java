package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deletes dependents whose controller is gone (a deleted Job's pod, a deleted Deployment's
 * ReplicaSets), as Kubernetes' garbage collector does with the default background propagation.
 */
final class GarbageCollector {

    private final KubernetesClient client;
    private final String namespace;
    private final Kubelet kubelet;

    GarbageCollector(KubernetesClient client, String namespace, Kubelet kubelet) {
        this.client = client;
        this.namespace = namespace;
        this.kubelet = kubelet;
    }

    void collect(Instant now, List<? extends HasMetadata> owners, List<ReplicaSet> replicaSets, List<Pod> pods) {
        Set<String> ownerUids = Stream.concat(owners.stream(), replicaSets.stream())
                .map(o -> o.getMetadata().getUid()).collect(Collectors.toSet());
        for (ReplicaSet rs : replicaSets) {
            if (Owners.controllerUid(rs).filter(uid -> !ownerUids.contains(uid)).isPresent()) {
                client.apps().replicaSets().inNamespace(namespace).withName(rs.getMetadata().getName()).delete();
            }
        }
        for (Pod pod : pods) {
            if (Owners.controllerUid(pod).filter(uid -> !ownerUids.contains(uid)).isPresent()) {
                kubelet.terminate(pod.getMetadata().getUid(), now);
            }
        }
    }
}
