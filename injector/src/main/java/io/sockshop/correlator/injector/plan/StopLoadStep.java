package io.sockshop.correlator.injector.plan;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.injector.load.LoadSpec;
import io.sockshop.correlator.model.injection.TargetRef;

import java.util.List;
import java.util.Set;

/** Stops the run's load generator: deletes its Job (and Pods) and its ConfigMap. */
public record StopLoadStep(int index, LoadSpec spec) implements Step {

    @Override
    public String action() {
        return "stop-load";
    }

    @Override
    public String description() {
        return "stop Locust Job " + spec.namespace() + "/" + spec.jobName();
    }

    @Override
    public List<String> kubectl() {
        return List.of("kubectl -n " + spec.namespace() + " delete job " + spec.jobName() + " --cascade=background",
                "kubectl -n " + spec.namespace() + " delete configmap " + spec.configMapName());
    }

    @Override
    public List<TargetRef> targets() {
        return List.of(new TargetRef("Job", spec.namespace(), spec.jobName(), null),
                new TargetRef("ConfigMap", spec.namespace(), spec.configMapName(), null));
    }

    @Override
    public Set<String> deployments() {
        return Set.of();
    }

    @Override
    public void check(ClusterOps cluster) {
    }

    /** The start-load step already saved the deletion of these objects. */
    @Override
    public List<SavedState> save(ClusterOps cluster) {
        return List.of();
    }

    @Override
    public void apply(ClusterOps cluster) {
        cluster.delete("Job", spec.namespace(), spec.jobName());
        cluster.delete("ConfigMap", spec.namespace(), spec.configMapName());
    }
}
