package io.sockshop.correlator.model.injection;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;
import io.sockshop.correlator.model.finding.GroundTruth;

import java.util.List;
import java.util.Map;

/**
 * A lifecycle event of an injection run ({@code io.sockshop.correlator.injection.v1}): the ground
 * truth. The correlator never detects from these; the scoring sub-topology grades against them.
 *
 * @param sequence   0, 1, 2, ... within the run: the events of a run in order
 * @param step       set for STEP_APPLIED (and for FAILED when a step failed)
 * @param parameters the scenario parameters in effect, overrides included
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record InjectionEvent(
        String runId,
        String scenarioId,
        InjectionPhase phase,
        Integer sequence,
        String cluster,
        String namespace,
        GroundTruth expected,
        List<TargetRef> targets,
        InjectionStep step,
        String message,
        Boolean dryRun,
        Map<String, String> parameters) {

    public InjectionEvent {
        Require.nonBlank(runId, "runId");
        Require.nonBlank(scenarioId, "scenarioId");
        Require.nonNull(phase, "phase");
        Require.nonNull(sequence, "sequence");
        Require.nonNegative(sequence, "sequence");
        Require.nonBlank(cluster, "cluster");
        Require.nonBlank(namespace, "namespace");
        Require.nonNull(expected, "expected");
        dryRun = Boolean.TRUE.equals(dryRun);
        targets = Require.list(targets, "targets");
        parameters = Require.map(parameters, "parameters");
    }
}
