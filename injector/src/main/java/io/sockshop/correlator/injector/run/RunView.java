package io.sockshop.correlator.injector.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.injector.journal.PendingRestore;
import io.sockshop.correlator.injector.plan.Step;
import io.sockshop.correlator.injector.scenario.DurationText;
import io.sockshop.correlator.model.finding.GroundTruth;
import io.sockshop.correlator.model.injection.InjectionPhase;
import io.sockshop.correlator.model.injection.TargetRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /runs/{id}} shows: the plan (with its kubectl equivalent), the state, every
 * published event, and what is still to be restored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(String runId, String scenarioId, String cluster, String namespace, RunState state,
                      boolean dryRun, GroundTruth expected, Map<String, String> parameters, List<TargetRef> targets,
                      String plannedDuration, Instant plannedAt, Instant startedAt, Instant endedAt, String message,
                      List<StepView> steps, List<String> restorePlan, List<EventView> events) {

    /** A step of the plan. */
    public record StepView(int index, String action, String description, List<String> kubectl) {
        static StepView of(Step step) {
            return new StepView(step.index(), step.action(), step.description(), step.kubectl());
        }
    }

    /** A published lifecycle event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(int sequence, InjectionPhase phase, Instant time, Integer step, String action,
                            String message) {
    }

    static RunView of(Run run, RunState state, Instant startedAt, Instant endedAt, String message,
                      List<Run.PublishedEvent> published, PendingRestore pending) {
        List<EventView> events = published.stream().map(p -> new EventView(p.event().sequence(), p.event().phase(),
                p.time(), p.event().step() == null ? null : p.event().step().index(),
                p.event().step() == null ? null : p.event().step().action(), p.event().message())).toList();
        return new RunView(run.runId(), run.plan.scenario().id(), run.plan.cluster(), run.plan.namespace(), state,
                run.dryRun, run.plan.expected(), run.plan.parameters(), run.plan.targets(),
                DurationText.format(run.plan.duration()), run.plannedAt, startedAt, endedAt, message,
                run.plan.steps().stream().map(StepView::of).toList(),
                pending == null ? List.of() : restorePlan(pending.saved()), events);
    }

    /** The restore of saved state as kubectl commands, last change first. */
    public static List<String> restorePlan(List<SavedState> saved) {
        List<SavedState> reversed = new ArrayList<>(saved);
        Collections.reverse(reversed);
        return reversed.stream().flatMap(s -> s.kubectl().stream()).toList();
    }
}
