package io.sockshop.correlator.injector.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One step of a scenario file as written: every value may hold {@code ${parameter}} references,
 * resolved per run. Which fields an action needs is checked by {@link io.sockshop.correlator.injector.plan.PlanBuilder}.
 *
 * @param action      {@code scale}, {@code set-resources}, {@code start-load}, {@code stop-load} or {@code wait}
 * @param deployment  scale, set-resources: the Deployment changed
 * @param container   set-resources: the container (default: the one named after the Deployment)
 * @param replicas    scale: the new replica count
 * @param limits      set-resources: limits to set (cpu, memory); other keys are left as they are
 * @param requests    set-resources: requests to set
 * @param users       start-load: concurrent Locust users
 * @param spawnRate   start-load: users started per second
 * @param target      start-load: the Service the load is aimed at (default {@code front-end})
 * @param duration    wait: how long
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSpec(String action, String deployment, String container, String replicas,
                       Map<String, String> limits, Map<String, String> requests, String users, String spawnRate,
                       String target, String duration) {

    public StepSpec {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("every step needs an action");
        }
        limits = limits == null ? null : Map.copyOf(limits);
        requests = requests == null ? null : Map.copyOf(requests);
    }
}
