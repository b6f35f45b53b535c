package io.sockshop.correlator.injector.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A scenario parameter: its default (the incident guide's value) and what it means. Every parameter
 * can be overridden per run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterSpec(String defaultValue, String description) {
    public ParameterSpec {
        if (defaultValue == null || defaultValue.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a non-blank defaultValue");
        }
    }
}
