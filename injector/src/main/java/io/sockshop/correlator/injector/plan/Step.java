package io.sockshop.correlator.injector.plan;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.model.injection.InjectionStep;
import io.sockshop.correlator.model.injection.TargetRef;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** One resolved step of a run: what it changes, how to save that first, and how to do it. */
public sealed interface Step permits ScaleStep, SetResourcesStep, StartLoadStep, StopLoadStep, WaitStep {

    int index();

    /** {@code scale}, {@code set-resources}, {@code start-load}, {@code stop-load}, {@code wait}. */
    String action();

    /** The step in words, for events and the run status. */
    String description();

    /** The step as equivalent kubectl commands (the dry run prints these). */
    List<String> kubectl();

    /** The objects the step changes. */
    List<TargetRef> targets();

    /** Deployments the step changes or aims at: at most one active run per Deployment. */
    Set<String> deployments();

    /** How long the step takes by design (waits); zero for the others. */
    default Duration duration() {
        return Duration.ZERO;
    }

    /** Read-only check that the targets exist, so a run with a typo fails before it changes anything. */
    void check(ClusterOps cluster);

    /** The state this step is about to change, read before it changes it. */
    List<SavedState> save(ClusterOps cluster);

    void apply(ClusterOps cluster);

    default InjectionStep event() {
        return new InjectionStep(index(), action(), description());
    }
}
