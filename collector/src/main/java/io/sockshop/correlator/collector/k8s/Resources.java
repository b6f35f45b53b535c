package io.sockshop.correlator.collector.k8s;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.sockshop.correlator.model.k8s.Container;
import io.sockshop.correlator.model.k8s.ResourceList;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/** Containers of a pod spec with their requests and limits, as quantity strings exactly as Kubernetes holds them. */
final class Resources {

    private static final Logger LOG = Logger.getLogger(Resources.class);

    private Resources() {
    }

    static List<Container> containers(List<io.fabric8.kubernetes.api.model.Container> containers) {
        if (containers == null) {
            return List.of();
        }
        return containers.stream()
                .filter(c -> c.getName() != null && !c.getName().isBlank())
                .map(c -> new Container(c.getName(), c.getImage(), list(c.getResources(), true),
                        list(c.getResources(), false)))
                .toList();
    }

    private static ResourceList list(ResourceRequirements requirements, boolean requests) {
        if (requirements == null) {
            return null;
        }
        Map<String, Quantity> values = requests ? requirements.getRequests() : requirements.getLimits();
        if (values == null || values.isEmpty()) {
            return null;
        }
        String cpu = quantity(values.get("cpu"));
        String memory = quantity(values.get("memory"));
        if (cpu == null && memory == null) {
            return null;
        }
        try {
            return new ResourceList(cpu, memory);
        } catch (IllegalArgumentException e) {
            // The API server validates quantities; should one still be unreadable, keep the record without it.
            LOG.warnf("unreadable resource quantity (cpu=%s, memory=%s): %s", cpu, memory, e.getMessage());
            return null;
        }
    }

    private static String quantity(Quantity quantity) {
        return quantity == null ? null : quantity.toString();
    }
}
