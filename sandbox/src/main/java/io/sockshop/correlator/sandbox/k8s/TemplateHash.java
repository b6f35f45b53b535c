package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sockshop.correlator.sandbox.SimRandom;

import java.nio.charset.StandardCharsets;

/** The {@code pod-template-hash} of a pod template: stable for the same template, new for a changed one. */
final class TemplateHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TemplateHash() {
    }

    static String of(PodTemplateSpec template) {
        PodTemplateSpec copy = Serialization.clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            copy.getMetadata().getLabels().remove("pod-template-hash");
        }
        long hash = FNV_OFFSET;
        for (byte b : Serialization.asJson(copy).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= FNV_PRIME;
        }
        return SimRandom.kubeHash(hash, 9);
    }
}
