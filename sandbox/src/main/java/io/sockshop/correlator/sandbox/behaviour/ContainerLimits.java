package io.sockshop.correlator.sandbox.behaviour;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.sockshop.correlator.model.k8s.Quantities;

import java.util.Optional;

/** A container's CPU and memory limits as numbers; empty where the manifest sets none (the databases). */
public final class ContainerLimits {

    private ContainerLimits() {
    }

    public static Optional<Double> cpuMillis(Container container) {
        return quantity(container, "cpu").map(q -> (double) Quantities.cpuMillis(q));
    }

    public static Optional<Double> memoryBytes(Container container) {
        return quantity(container, "memory").map(q -> (double) Quantities.bytes(q));
    }

    private static Optional<String> quantity(Container container, String resource) {
        if (container.getResources() == null || container.getResources().getLimits() == null) {
            return Optional.empty();
        }
        Quantity quantity = container.getResources().getLimits().get(resource);
        return quantity == null ? Optional.empty()
                : Optional.of(quantity.getAmount() + (quantity.getFormat() == null ? "" : quantity.getFormat()));
    }
}
