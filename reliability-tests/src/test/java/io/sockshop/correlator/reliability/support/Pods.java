package io.sockshop.correlator.reliability.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.sockshop.correlator.collector.Fixtures;

import java.util.UUID;

/**
 * Kubernetes objects for the mock API, from the collector's recorded objects
 * (collector/src/test/resources/reference/k8s: a real catalogue Pod and Deployment of the sandbox
 * cluster), renamed.
 */
public final class Pods {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Pods() {
    }

    public static Pod pod(String name) {
        try {
            Pod pod = JSON.treeToValue(Fixtures.json("k8s/catalogue-pod.json"), Pod.class);
            return new PodBuilder(pod).editMetadata().withName(name)
                    .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString()).withResourceVersion(null).endMetadata()
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Deployment deployment(String name) {
        try {
            Deployment d = JSON.treeToValue(Fixtures.json("k8s/catalogue-deployment.json"), Deployment.class);
            return new DeploymentBuilder(d).editMetadata().withName(name)
                    .withUid(UUID.nameUUIDFromBytes(("deploy/" + name).getBytes()).toString()).withResourceVersion(null)
                    .endMetadata().build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
