package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.injector.journal.PendingRestore;
import io.sockshop.correlator.injector.plan.Step;
import io.sockshop.correlator.injector.plan.WaitStep;
import io.sockshop.correlator.model.injection.InjectionPhase;
import io.sockshop.correlator.model.injection.InjectionStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Executes a run: STARTED, each step (state saved before it changes anything), then the restore and
 * the final event. Whatever ends the run (completion, a stop, a failure) goes through the same
 * restore. Only an {@link Error} escapes without a restore; like a crash of the process, it leaves
 * the pending restore in Kafka for the next start.
 */
final class RunEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);

    private final ClusterOps cluster;
    private final Lifecycle lifecycle;
    private final Clock clock;
    private final Sleeper sleeper;

    RunEngine(ClusterOps cluster, Lifecycle lifecycle, Clock clock, Sleeper sleeper) {
        this.cluster = cluster;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    void execute(Run run) {
        Step current = null;
        try {
            publish(run, List.of(Lifecycle.Spec.of(InjectionPhase.STARTED, run.plan.targets())));
            run.state(RunState.RUNNING, clock.instant(), null);
            for (Step step : run.plan.steps()) {
                current = step;
                if (run.stop.requested()) {
                    break;
                }
                if (step instanceof WaitStep wait) {
                    if (sleeper.await(wait.duration(), run.stop)) {
                        break;
                    }
                } else {
                    List<SavedState> saved = step.save(cluster);
                    if (!saved.isEmpty()) {
                        PendingRestore ahead = run.pending().withSaved(saved);
                        lifecycle.save(ahead);
                        run.pending(ahead);
                    }
                    step.apply(cluster);
                }
                publish(run, List.of(new Lifecycle.Spec(InjectionPhase.STEP_APPLIED, step.targets(), step.event(), null)));
            }
            current = null;
            if (run.stop.requested()) {
                finish(run, InjectionPhase.ABORTED, "stopped: " + run.stop.reason(), null);
            } else {
                finish(run, InjectionPhase.COMPLETED, null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(run, InjectionPhase.ABORTED, "interrupted", current);
        } catch (RuntimeException e) {
            LOG.error("run {} failed{}", run.runId(), current == null ? "" : " at step " + current.index(), e);
            finish(run, InjectionPhase.FAILED, (current == null ? "" : "step " + current.index() + " ("
                    + current.action() + ") failed: ") + describe(e), current);
        }
    }

    /**
     * Restores, then publishes RESTORED and the final phase and forgets the pending restore. If the
     * restore is incomplete, the run ends FAILED and its pending restore stays for a retry.
     */
    private void finish(Run run, InjectionPhase terminal, String message, Step failedStep) {
        run.state(RunState.RESTORING, clock.instant(), null);
        PendingRestore pending = run.pending();
        try {
            publish(run, List.of(Lifecycle.Spec.of(InjectionPhase.RESTORE_STARTED, targets(pending))));
        } catch (RuntimeException e) {
            LOG.error("run {}: cannot publish RESTORE_STARTED; restoring anyway", run.runId(), e);
        }
        List<String> failures = restore(cluster, run.pending());
        InjectionStep step = failedStep == null || terminal != InjectionPhase.FAILED ? null : failedStep.event();
        try {
            if (failures.isEmpty()) {
                Lifecycle.Result result = lifecycle.publish(run.pending(), false, List.of(
                        Lifecycle.Spec.of(InjectionPhase.RESTORED, targets(run.pending())),
                        new Lifecycle.Spec(terminal, run.plan.targets(), step, message)), Lifecycle.Pending.FORGET);
                run.published(result.events(), null);
                run.state(state(terminal), clock.instant(), message);
            } else {
                String detail = (message == null ? "" : message + "; ") + "restore incomplete, retried later: "
                        + String.join("; ", failures);
                Lifecycle.Result result = lifecycle.publish(run.pending().withTerminalPublished(), false, List.of(
                        new Lifecycle.Spec(InjectionPhase.FAILED, run.plan.targets(), step, detail)),
                        Lifecycle.Pending.KEEP);
                run.published(result.events(), result.pending());
                run.state(RunState.FAILED, clock.instant(), detail);
            }
        } catch (RuntimeException e) {
            LOG.error("run {}: cannot publish its end; the pending restore stays in Kafka for the next start",
                    run.runId(), e);
            run.state(failures.isEmpty() ? state(terminal) : RunState.FAILED, clock.instant(),
                    (message == null ? "" : message + "; ") + "final events not published: " + describe(e));
        }
    }

    /** Puts saved state back, last change first; carries on past a failure and reports every one. */
    static List<String> restore(ClusterOps cluster, PendingRestore pending) {
        List<SavedState> reversed = new ArrayList<>(pending.saved());
        Collections.reverse(reversed);
        List<String> failures = new ArrayList<>();
        for (SavedState saved : reversed) {
            try {
                saved.restore(cluster);
            } catch (RuntimeException e) {
                LOG.error("run {}: cannot restore {}", pending.runId(), saved.key(), e);
                failures.add(saved.key() + ": " + describe(e));
            }
        }
        return failures;
    }

    private void publish(Run run, List<Lifecycle.Spec> specs) {
        Lifecycle.Result result = lifecycle.publish(run.pending(), false, specs, Lifecycle.Pending.KEEP);
        run.published(result.events(), result.pending());
    }

    static List<io.sockshop.correlator.model.injection.TargetRef> targets(PendingRestore pending) {
        return pending.saved().stream().map(SavedState::target).distinct().toList();
    }

    private static RunState state(InjectionPhase terminal) {
        return switch (terminal) {
            case COMPLETED -> RunState.COMPLETED;
            case ABORTED -> RunState.ABORTED;
            default -> RunState.FAILED;
        };
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
