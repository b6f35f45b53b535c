package io.sockshop.correlator.injector.plan;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.injector.scenario.DurationText;
import io.sockshop.correlator.model.injection.TargetRef;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Lets the incident unfold. A stop request ends the wait at once. */
public record WaitStep(int index, Duration duration) implements Step {

    @Override
    public String action() {
        return "wait";
    }

    @Override
    public String description() {
        return "wait " + DurationText.format(duration);
    }

    @Override
    public List<String> kubectl() {
        return List.of("sleep " + Math.max(0, (duration.toMillis() + 999) / 1000));
    }

    @Override
    public List<TargetRef> targets() {
        return List.of();
    }

    @Override
    public Set<String> deployments() {
        return Set.of();
    }

    @Override
    public void check(ClusterOps cluster) {
    }

    @Override
    public List<SavedState> save(ClusterOps cluster) {
        return List.of();
    }

    /** The run engine waits; applying the step itself changes nothing. */
    @Override
    public void apply(ClusterOps cluster) {
    }
}
