package io.sockshop.correlator.injector.plan;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.CreatedObject;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.injector.load.LoadSpec;
import io.sockshop.correlator.injector.load.LocustLoad;
import io.sockshop.correlator.injector.scenario.DurationText;
import io.sockshop.correlator.model.injection.TargetRef;

import java.util.List;
import java.util.Set;

/**
 * Starts the load generator: the locustfile ConfigMap, then the Locust Job.
 *
 * @param target the Deployment (and Service) the shoppers hit
 */
public record StartLoadStep(int index, LoadSpec spec, String target, LocustLoad load) implements Step {

    @Override
    public String action() {
        return "start-load";
    }

    @Override
    public String description() {
        return "start Locust Job " + spec.namespace() + "/" + spec.jobName() + ": " + spec.users() + " users, spawn rate "
                + spec.spawnRate() + "/s, run time " + DurationText.format(spec.runTime()) + ", against " + spec.host();
    }

    @Override
    public List<String> kubectl() {
        return List.of(
                "kubectl -n " + spec.namespace() + " create -f - <<'EOF'\n"
                        + Serialization.asYaml(load.configMap(spec)) + "EOF",
                "kubectl -n " + spec.namespace() + " create -f - <<'EOF'\n"
                        + Serialization.asYaml(load.job(spec)) + "EOF");
    }

    @Override
    public List<TargetRef> targets() {
        return List.of(new TargetRef("ConfigMap", spec.namespace(), spec.configMapName(), null),
                new TargetRef("Job", spec.namespace(), spec.jobName(), null));
    }

    @Override
    public Set<String> deployments() {
        return Set.of(target);
    }

    @Override
    public void check(ClusterOps cluster) {
        cluster.deployment(spec.namespace(), target);
    }

    /** Nothing exists yet: what there is to restore is the deletion of what this step creates. */
    @Override
    public List<SavedState> save(ClusterOps cluster) {
        return List.of(new CreatedObject("ConfigMap", spec.namespace(), spec.configMapName()),
                new CreatedObject("Job", spec.namespace(), spec.jobName()));
    }

    @Override
    public void apply(ClusterOps cluster) {
        cluster.create(load.configMap(spec));
        cluster.create(load.job(spec));
    }
}
