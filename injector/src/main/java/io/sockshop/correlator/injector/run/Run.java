package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.injector.journal.PendingRestore;
import io.sockshop.correlator.injector.plan.RunPlan;
import io.sockshop.correlator.model.injection.InjectionEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run as it goes: its plan, its state, the events it published and the state it must put back.
 * Changed only by the thread that executes it; read by anyone (status, history), hence synchronized.
 */
final class Run implements HistoryEntry {

    final RunPlan plan;
    final boolean dryRun;
    final StopSignal stop = new StopSignal();
    final Instant plannedAt;

    private RunState state = RunState.PLANNED;
    private PendingRestore pending;
    private Instant startedAt;
    private Instant endedAt;
    private String message;
    private final List<PublishedEvent> events = new ArrayList<>();

    Run(RunPlan plan, boolean dryRun, Instant plannedAt, PendingRestore pending) {
        this.plan = plan;
        this.dryRun = dryRun;
        this.plannedAt = plannedAt;
        this.pending = pending;
    }

    /** An event as the run published it, with its event time. */
    record PublishedEvent(InjectionEvent event, Instant time) {
    }

    @Override
    public String runId() {
        return plan.runId();
    }

    synchronized PendingRestore pending() {
        return pending;
    }

    synchronized void pending(PendingRestore pending) {
        this.pending = pending;
    }

    synchronized int nextSequence() {
        return pending == null ? events.size() : pending.nextSequence();
    }

    synchronized void published(List<PublishedEvent> published, PendingRestore after) {
        events.addAll(published);
        this.pending = after;
    }

    synchronized void state(RunState state, Instant at, String message) {
        this.state = state;
        if (state == RunState.RUNNING && startedAt == null) {
            startedAt = at;
        }
        if (state.ended()) {
            endedAt = at;
        }
        if (message != null) {
            this.message = message;
        }
    }

    synchronized RunState state() {
        return state;
    }

    @Override
    public synchronized RunView view() {
        return RunView.of(this, state, startedAt, endedAt, message, List.copyOf(events), pending);
    }
}
