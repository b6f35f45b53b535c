package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * CPU and memory as Kubernetes quantity strings, exactly as in the manifest ({@code "50m"},
 * {@code "128Mi"}); absent when not set. {@link Quantities} turns them into numbers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceList(String cpu, String memory) {
    public ResourceList {
        if (cpu != null) {
            Quantities.cpuMillis(cpu);
        }
        if (memory != null) {
            Quantities.bytes(memory);
        }
    }
}
