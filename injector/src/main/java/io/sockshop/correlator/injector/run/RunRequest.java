package io.sockshop.correlator.injector.run;

import java.util.Map;

/**
 * A request to run a scenario.
 *
 * @param namespace  absent for the configured default
 * @param parameters overrides of the scenario's defaults (durations especially)
 * @param dryRun     plan only: print the kubectl equivalent and change nothing
 */
public record RunRequest(String scenarioId, String namespace, Map<String, String> parameters, boolean dryRun) {
    public RunRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
