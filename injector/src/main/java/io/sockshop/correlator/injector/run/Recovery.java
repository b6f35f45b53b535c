package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.journal.PendingRestore;
import io.sockshop.correlator.model.injection.InjectionPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Restores a run that a previous injector process left unfinished (it crashed or was killed), and
 * closes its lifecycle: RESTORE_STARTED, RESTORED, ABORTED, continuing its sequence numbers.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    static RecoveredRun recover(PendingRestore pending, ClusterOps cluster, Lifecycle lifecycle, RunLocks locks) {
        locks.acquire(pending.runId(), pending.lockKeys());
        List<Run.PublishedEvent> events = new ArrayList<>();
        PendingRestore current = pending;
        LOG.warn("run {} of scenario {} was left unfinished by a previous injector; restoring {} saved state(s)",
                pending.runId(), pending.scenarioId(), pending.saved().size());
        Lifecycle.Result started = lifecycle.publish(current, false,
                List.of(Lifecycle.Spec.of(InjectionPhase.RESTORE_STARTED, RunEngine.targets(current))),
                Lifecycle.Pending.KEEP);
        events.addAll(started.events());
        current = started.pending();
        List<String> failures = RunEngine.restore(cluster, current);
        if (!failures.isEmpty()) {
            String message = "restore after restart incomplete, retried at the next start: " + String.join("; ", failures);
            LOG.error("run {}: {}", pending.runId(), message);
            return new RecoveredRun(pending.runId(), false, view(pending, RunState.FAILED, events, message, current));
        }
        List<Lifecycle.Spec> specs = new ArrayList<>();
        specs.add(Lifecycle.Spec.of(InjectionPhase.RESTORED, RunEngine.targets(current)));
        String message = "the injector stopped during the run (crash or kill); restored when it started again";
        if (!current.terminalPublished()) {
            specs.add(new Lifecycle.Spec(InjectionPhase.ABORTED, current.targets(), null, message));
        }
        Lifecycle.Result ended = lifecycle.publish(current, false, specs, Lifecycle.Pending.FORGET);
        events.addAll(ended.events());
        locks.release(pending.runId());
        LOG.info("run {} restored", pending.runId());
        return new RecoveredRun(pending.runId(), true, view(pending,
                current.terminalPublished() ? RunState.FAILED : RunState.ABORTED, events, message, null));
    }

    private static RunView view(PendingRestore pending, RunState state, List<Run.PublishedEvent> events,
                                String message, PendingRestore stillPending) {
        List<RunView.EventView> views = events.stream().map(p -> new RunView.EventView(p.event().sequence(),
                p.event().phase(), p.time(), null, null, p.event().message())).toList();
        return new RunView(pending.runId(), pending.scenarioId(), pending.cluster(), pending.namespace(), state, false,
                pending.expected(), pending.parameters(), pending.targets(), null, pending.plannedAt(), null,
                events.isEmpty() ? null : events.get(events.size() - 1).time(), message, List.of(),
                stillPending == null ? List.of() : RunView.restorePlan(stillPending.saved()), views);
    }
}
