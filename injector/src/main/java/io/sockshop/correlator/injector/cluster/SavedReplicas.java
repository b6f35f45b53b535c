package io.sockshop.correlator.injector.cluster;

import io.sockshop.correlator.model.injection.TargetRef;

import java.util.List;

/** The {@code spec.replicas} of a Deployment; null when the field was unset (Kubernetes then means 1). */
public record SavedReplicas(String namespace, String deployment, Integer replicas) implements SavedState {

    @Override
    public String key() {
        return "replicas/" + namespace + "/" + deployment;
    }

    @Override
    public TargetRef target() {
        return new TargetRef("Deployment", namespace, deployment, null);
    }

    @Override
    public void restore(ClusterOps cluster) {
        cluster.setReplicas(namespace, deployment, replicas);
    }

    @Override
    public List<String> kubectl() {
        if (replicas == null) {
            return List.of("kubectl -n " + namespace + " patch deployment " + deployment
                    + " --type=json -p '[{\"op\":\"remove\",\"path\":\"/spec/replicas\"}]'");
        }
        return List.of("kubectl -n " + namespace + " scale deployment/" + deployment + " --replicas=" + replicas);
    }
}
