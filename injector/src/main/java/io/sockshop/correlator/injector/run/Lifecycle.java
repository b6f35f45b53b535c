package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.injector.journal.InjectionJournal;
import io.sockshop.correlator.injector.journal.PendingRestore;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.injection.InjectionPhase;
import io.sockshop.correlator.model.injection.InjectionStep;
import io.sockshop.correlator.model.injection.TargetRef;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a run's lifecycle events with the next sequence numbers, together with the run's
 * pending restore in one transaction. Sequence numbers advance only when the transaction commits, so
 * a failed write never leaves a gap.
 */
final class Lifecycle {

    /** What happens to the pending restore in the same transaction. */
    enum Pending { KEEP, FORGET, NONE }

    /** One event to publish. */
    record Spec(InjectionPhase phase, List<TargetRef> targets, InjectionStep step, String message) {
        static Spec of(InjectionPhase phase, List<TargetRef> targets) {
            return new Spec(phase, targets, null, null);
        }
    }

    private final InjectionJournal journal;
    private final Clock clock;
    private final RunListener listener;

    Lifecycle(InjectionJournal journal, Clock clock, RunListener listener) {
        this.journal = journal;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * @param pending the run's state before the events; its nextSequence is where they start
     * @param dryRun  stamped on every event
     * @return the published events, and the pending state after them
     */
    Result publish(PendingRestore pending, boolean dryRun, List<Spec> specs, Pending mode) {
        int sequence = pending.nextSequence();
        Instant time = clock.instant();
        List<Run.PublishedEvent> published = new ArrayList<>();
        List<CloudEvent<InjectionEvent>> envelopes = new ArrayList<>();
        for (Spec spec : specs) {
            InjectionEvent event = new InjectionEvent(pending.runId(), pending.scenarioId(), spec.phase(), sequence++,
                    pending.cluster(), pending.namespace(), pending.expected(), spec.targets(), spec.step(),
                    spec.message(), dryRun, pending.parameters());
            envelopes.add(Events.injection(event, time));
            published.add(new Run.PublishedEvent(event, time));
        }
        PendingRestore after = pending.withNextSequence(sequence);
        switch (mode) {
            case KEEP -> journal.commit(envelopes, after);
            case FORGET -> journal.commitAndForget(envelopes, pending.runId());
            case NONE -> journal.publish(envelopes);
        }
        published.forEach(p -> listener.published(p.event()));
        return new Result(published, after);
    }

    /** Saves the pending state alone: the write-ahead before a change. */
    void save(PendingRestore pending) {
        journal.commit(List.of(), pending);
    }

    record Result(List<Run.PublishedEvent> events, PendingRestore pending) {
    }
}
