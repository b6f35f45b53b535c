package io.sockshop.correlator.injector.plan;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.model.injection.TargetRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets requests and/or limits of one container, e.g. catalogue-db to cpu 50m / memory 128Mi. Keys
 * not mentioned stay as they are, as with {@code kubectl set resources}.
 */
public record SetResourcesStep(int index, String namespace, String deployment, String container,
                               Map<String, String> requests, Map<String, String> limits) implements Step {

    public SetResourcesStep {
        requests = requests == null ? Map.of() : Map.copyOf(requests);
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    @Override
    public String action() {
        return "set-resources";
    }

    @Override
    public String description() {
        List<String> parts = new ArrayList<>();
        if (!limits.isEmpty()) {
            parts.add("limits " + format(limits));
        }
        if (!requests.isEmpty()) {
            parts.add("requests " + format(requests));
        }
        return "set " + String.join(" and ", parts) + " on container " + container + " of Deployment "
                + namespace + "/" + deployment;
    }

    @Override
    public List<String> kubectl() {
        StringBuilder command = new StringBuilder("kubectl -n " + namespace + " set resources deployment/"
                + deployment + " -c " + container);
        if (!limits.isEmpty()) {
            command.append(" --limits=").append(format(limits));
        }
        if (!requests.isEmpty()) {
            command.append(" --requests=").append(format(requests));
        }
        return List.of(command.toString());
    }

    @Override
    public List<TargetRef> targets() {
        return List.of(new TargetRef("Deployment", namespace, deployment, container));
    }

    @Override
    public Set<String> deployments() {
        return Set.of(deployment);
    }

    @Override
    public void check(ClusterOps cluster) {
        cluster.containerIndex(cluster.deployment(namespace, deployment), container);
    }

    @Override
    public List<SavedState> save(ClusterOps cluster) {
        return List.of(cluster.saveResources(namespace, deployment, container));
    }

    @Override
    public void apply(ClusterOps cluster) {
        cluster.setResources(namespace, deployment, container, requests, limits);
    }

    /** {@code cpu=50m,memory=128Mi}, keys sorted so the text is stable. */
    private static String format(Map<String, String> values) {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("");
    }
}
