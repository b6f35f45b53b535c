package io.sockshop.correlator.injector.cluster;

import io.sockshop.correlator.model.injection.TargetRef;

import java.util.List;

/** An object the run creates (the load generator's Job and ConfigMap): restoring means deleting it. */
public record CreatedObject(String kind, String namespace, String name) implements SavedState {

    public CreatedObject {
        if (!"Job".equals(kind) && !"ConfigMap".equals(kind)) {
            throw new IllegalArgumentException("the injector creates only Jobs and ConfigMaps, not " + kind);
        }
    }

    @Override
    public String key() {
        return "created/" + kind + "/" + namespace + "/" + name;
    }

    @Override
    public TargetRef target() {
        return new TargetRef(kind, namespace, name, null);
    }

    @Override
    public void restore(ClusterOps cluster) {
        cluster.delete(kind, namespace, name);
    }

    @Override
    public List<String> kubectl() {
        String cascade = "Job".equals(kind) ? " --cascade=background" : "";
        return List.of("kubectl -n " + namespace + " delete " + kind.toLowerCase() + " " + name + cascade
                + " --ignore-not-found");
    }
}
