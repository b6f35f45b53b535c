package io.sockshop.correlator.model.injection;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/**
 * One step of a scenario.
 *
 * @param index       0-based position in the scenario
 * @param action      {@code scale}, {@code set-resources}, {@code start-load}, {@code stop-load}, {@code wait}, ...
 * @param description the step as the equivalent kubectl command or in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InjectionStep(Integer index, String action, String description) {
    public InjectionStep {
        Require.nonNull(index, "index");
        Require.nonNegative(index, "index");
        Require.nonBlank(action, "action");
    }
}
