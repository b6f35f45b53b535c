package io.sockshop.correlator.injector.plan;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.model.injection.TargetRef;

import java.util.List;
import java.util.Set;

/** Scales a Deployment, e.g. payment to 0. */
public record ScaleStep(int index, String namespace, String deployment, int replicas) implements Step {

    @Override
    public String action() {
        return "scale";
    }

    @Override
    public String description() {
        return "scale Deployment " + namespace + "/" + deployment + " to " + replicas + " replicas";
    }

    @Override
    public List<String> kubectl() {
        return List.of("kubectl -n " + namespace + " scale deployment/" + deployment + " --replicas=" + replicas);
    }

    @Override
    public List<TargetRef> targets() {
        return List.of(new TargetRef("Deployment", namespace, deployment, null));
    }

    @Override
    public Set<String> deployments() {
        return Set.of(deployment);
    }

    @Override
    public void check(ClusterOps cluster) {
        cluster.deployment(namespace, deployment);
    }

    @Override
    public List<SavedState> save(ClusterOps cluster) {
        return List.of(cluster.saveReplicas(namespace, deployment));
    }

    @Override
    public void apply(ClusterOps cluster) {
        cluster.setReplicas(namespace, deployment, replicas);
    }
}
