package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sockshop.correlator.sandbox.SimRandom;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps each ReplicaSet's pods at its replica count, with the events the controller writes. */
final class ReplicaSetController {

    private final KubernetesClient client;
    private final String namespace;
    private final EventRecorder events;
    private final Kubelet kubelet;
    private final SimRandom random;

    ReplicaSetController(KubernetesClient client, String namespace, EventRecorder events, Kubelet kubelet,
                         SimRandom random) {
        this.client = client;
        this.namespace = namespace;
        this.events = events;
        this.kubelet = kubelet;
        this.random = random;
    }

    void reconcile(Instant now, List<ReplicaSet> replicaSets, List<Pod> pods) {
        for (ReplicaSet rs : replicaSets) {
            List<Pod> owned = pods.stream().filter(p -> Owners.ownedBy(p, rs))
                    .filter(p -> !kubelet.isTerminating(p.getMetadata().getUid())).toList();
            int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
            for (int i = owned.size(); i < desired; i++) {
                Pod pod = newPod(rs, now);
                client.pods().inNamespace(namespace).resource(pod).create();
                events.record(now, rs, null, EventRecorder.NORMAL, "SuccessfulCreate",
                        "Created pod: " + pod.getMetadata().getName(), "replicaset-controller", null);
            }
            if (owned.size() > desired) {
                owned.stream().sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed())
                        .limit(owned.size() - desired)
                        .forEach(pod -> {
                            events.record(now, rs, null, EventRecorder.NORMAL, "SuccessfulDelete",
                                    "Deleted pod: " + pod.getMetadata().getName(), "replicaset-controller", null);
                            kubelet.terminate(pod.getMetadata().getUid(), now);
                        });
            }
            writeStatus(rs, desired, now);
        }
    }

    private void writeStatus(ReplicaSet rs, int desired, Instant now) {
        List<PodRecord> live = kubelet.pods().stream().filter(p -> Owners.ownedBy(p.pod(), rs) && !p.terminating()).toList();
        int ready = (int) live.stream().filter(p -> p.ready(now)).count();
        var status = new ReplicaSetStatusBuilder()
                .withReplicas(live.size())
                .withFullyLabeledReplicas(live.size())
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .build();
        if (!status.equals(rs.getStatus())) {
            rs.setStatus(status);
            rs.getMetadata().setResourceVersion(null);
            client.apps().replicaSets().inNamespace(namespace).resource(rs).updateStatus();
        }
    }

    private Pod newPod(ReplicaSet rs, Instant now) {
        Map<String, String> labels = new HashMap<>(rs.getSpec().getTemplate().getMetadata().getLabels());
        return new PodBuilder()
                .withNewMetadata()
                    .withName(rs.getMetadata().getName() + "-" + random.kubeSuffix(5))
                    .withGenerateName(rs.getMetadata().getName() + "-")
                    .withNamespace(namespace)
                    .withUid(random.uid())
                    .withLabels(labels)
                    .withCreationTimestamp(KubeTime.time(now))
                    .withOwnerReferences(Owners.controllerOf(rs))
                .endMetadata()
                .withSpec(rs.getSpec().getTemplate().getSpec())
                .editSpec().withNodeName(kubelet.node()).withRestartPolicy("Always").endSpec()
                .build();
    }
}
