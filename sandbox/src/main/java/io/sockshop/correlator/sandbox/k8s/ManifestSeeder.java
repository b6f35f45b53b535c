package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sockshop.correlator.sandbox.SimRandom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds the simulated cluster from the upstream Sock Shop manifest: the namespace, its Services and
 * Deployments, and for each Deployment the ReplicaSet and pods a real cluster would have, running
 * since an hour before the simulation starts.
 */
final class ManifestSeeder {

    static final String MANIFEST = "/sockshop/complete-demo.yaml";

    private final KubernetesClient client;
    private final Kubelet kubelet;
    private final SimRandom random;

    ManifestSeeder(KubernetesClient client, Kubelet kubelet, SimRandom random) {
        this.client = client;
        this.kubelet = kubelet;
        this.random = random;
    }

    /** @return the Deployments seeded, by name */
    Map<String, Deployment> seed(String namespace, Instant now) {
        Instant since = now.minus(Duration.ofHours(1));
        Map<String, Deployment> deployments = new HashMap<>();
        for (HasMetadata object : load()) {
            object.getMetadata().setUid(random.uid());
            object.getMetadata().setCreationTimestamp(KubeTime.time(since));
            if (object instanceof Namespace ns) {
                ns.getMetadata().setName(namespace);
                client.namespaces().resource(ns).create();
            } else if (object instanceof Service service) {
                service.getMetadata().setNamespace(namespace);
                client.services().inNamespace(namespace).resource(service).create();
            } else if (object instanceof Deployment deployment) {
                deployment.getMetadata().setNamespace(namespace);
                deployment.getMetadata().setGeneration(1L);
                Deployment created = client.apps().deployments().inNamespace(namespace).resource(deployment).create();
                seedReplicaSetAndPods(created, namespace, since);
                deployments.put(created.getMetadata().getName(), created);
            }
        }
        return deployments;
    }

    private void seedReplicaSetAndPods(Deployment deployment, String namespace, Instant since) {
        String hash = TemplateHash.of(deployment.getSpec().getTemplate());
        Map<String, String> labels = new HashMap<>(deployment.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("pod-template-hash", hash);
        var template = Serialization.clone(deployment.getSpec().getTemplate());
        template.getMetadata().setLabels(labels);
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        ReplicaSet rs = client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withNewMetadata()
                    .withName(deployment.getMetadata().getName() + "-" + hash)
                    .withNamespace(namespace)
                    .withUid(random.uid())
                    .withLabels(labels)
                    .addToAnnotations("deployment.kubernetes.io/revision", "1")
                    .withCreationTimestamp(KubeTime.time(since))
                    .withOwnerReferences(Owners.controllerOf(deployment))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withTemplate(template)
                .endSpec()
                .build()).create();
        for (int i = 0; i < replicas; i++) {
            Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata()
                        .withName(rs.getMetadata().getName() + "-" + random.kubeSuffix(5))
                        .withGenerateName(rs.getMetadata().getName() + "-")
                        .withNamespace(namespace)
                        .withUid(random.uid())
                        .withLabels(labels)
                        .withCreationTimestamp(KubeTime.time(since))
                        .withOwnerReferences(Owners.controllerOf(rs))
                    .endMetadata()
                    .withSpec(template.getSpec())
                    .editSpec().withNodeName(kubelet.node()).withRestartPolicy("Always").endSpec()
                    .build()).create();
            kubelet.adoptRunning(pod, since);
        }
    }

    static List<HasMetadata> load() {
        try (InputStream in = ManifestSeeder.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException("the Sock Shop manifest " + MANIFEST + " is missing from the classpath");
            }
            return Serialization.unmarshal(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Sock Shop manifest", e);
        }
    }
}
