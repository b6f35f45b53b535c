package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sockshop.correlator.sandbox.SimRandom;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment controller: one ReplicaSet per pod template. A scale changes the current
 * ReplicaSet; a template change (new resources, a restart annotation) is a rolling update: the new
 * ReplicaSet is scaled up and, once its pods are ready, the old one down. Every change of a
 * ReplicaSet's size is a ScalingReplicaSet event on the Deployment, in the configured wording.
 */
final class DeploymentController {

    private final KubernetesClient client;
    private final String namespace;
    private final EventRecorder events;
    private final Kubelet kubelet;
    private final SimRandom random;
    private final ScalingWording wording;
    private final Map<String, DeploymentCondition> availableSince = new HashMap<>();

    DeploymentController(KubernetesClient client, String namespace, EventRecorder events, Kubelet kubelet,
                         SimRandom random, ScalingWording wording) {
        this.client = client;
        this.namespace = namespace;
        this.events = events;
        this.kubelet = kubelet;
        this.random = random;
        this.wording = wording;
    }

    void reconcile(Instant now, List<Deployment> deployments, List<ReplicaSet> replicaSets) {
        for (Deployment deployment : deployments) {
            List<ReplicaSet> owned = replicaSets.stream().filter(rs -> Owners.ownedBy(rs, deployment)).toList();
            String hash = TemplateHash.of(deployment.getSpec().getTemplate());
            ReplicaSet current = owned.stream()
                    .filter(rs -> hash.equals(rs.getMetadata().getLabels().get("pod-template-hash")))
                    .findFirst().orElseGet(() -> createReplicaSet(deployment, hash, owned.size() + 1, now));
            int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
            scale(deployment, current, desired, now);
            int currentReady = readyPods(current, now);
            for (ReplicaSet old : owned) {
                if (old != current && replicas(old) > 0 && (currentReady >= desired || desired == 0)) {
                    scale(deployment, old, 0, now);
                }
            }
            List<ReplicaSet> all = new java.util.ArrayList<>(owned);
            if (!all.contains(current)) {
                all.add(current);
            }
            writeStatus(deployment, all, current, desired, now);
        }
    }

    private ReplicaSet createReplicaSet(Deployment deployment, String hash, int revision, Instant now) {
        Map<String, String> labels = new HashMap<>(deployment.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("pod-template-hash", hash);
        var template = Serialization.clone(deployment.getSpec().getTemplate());
        template.getMetadata().setLabels(labels);
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata()
                    .withName(deployment.getMetadata().getName() + "-" + hash)
                    .withNamespace(namespace)
                    .withUid(random.uid())
                    .withLabels(labels)
                    .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(revision))
                    .withCreationTimestamp(KubeTime.time(now))
                    .withOwnerReferences(Owners.controllerOf(deployment))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(0)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withTemplate(template)
                .endSpec()
                .build();
        return client.apps().replicaSets().inNamespace(namespace).resource(rs).create();
    }

    private void scale(Deployment deployment, ReplicaSet rs, int to, Instant now) {
        int from = replicas(rs);
        if (from == to) {
            return;
        }
        rs.getSpec().setReplicas(to);
        client.apps().replicaSets().inNamespace(namespace).withName(rs.getMetadata().getName())
                .edit(existing -> {
                    existing.getSpec().setReplicas(to);
                    return existing;
                });
        events.record(now, deployment, null, EventRecorder.NORMAL, "ScalingReplicaSet",
                wording.message(rs.getMetadata().getName(), from, to), "deployment-controller", null);
    }

    private void writeStatus(Deployment deployment, List<ReplicaSet> owned, ReplicaSet current, int desired, Instant now) {
        List<PodRecord> live = kubelet.pods().stream().filter(p -> !p.terminating())
                .filter(p -> owned.stream().anyMatch(rs -> Owners.ownedBy(p.pod(), rs))).toList();
        int ready = (int) live.stream().filter(p -> p.ready(now)).count();
        int updated = (int) live.stream().filter(p -> Owners.ownedBy(p.pod(), current)).count();
        boolean available = ready >= desired;
        String key = deployment.getMetadata().getName();
        DeploymentCondition condition = availableSince.get(key);
        if (condition == null || !condition.getStatus().equals(available ? "True" : "False")) {
            condition = new DeploymentConditionBuilder().withType("Available").withStatus(available ? "True" : "False")
                    .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                    .withMessage(available ? "Deployment has minimum availability."
                            : "Deployment does not have minimum availability.")
                    .withLastTransitionTime(KubeTime.time(now)).withLastUpdateTime(KubeTime.time(now)).build();
            availableSince.put(key, condition);
        }
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(live.size())
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready) == 0 ? null : Math.max(0, desired - ready))
                .withConditions(condition)
                .build();
        if (!status.equals(deployment.getStatus())) {
            deployment.setStatus(status);
            deployment.getMetadata().setResourceVersion(null);
            client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
        }
    }

    private int readyPods(ReplicaSet rs, Instant now) {
        return (int) kubelet.pods().stream().filter(p -> !p.terminating() && Owners.ownedBy(p.pod(), rs))
                .filter(p -> p.ready(now)).count();
    }

    private static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }
}
