package io.sockshop.correlator.injector.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.finding.GroundTruth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A scenario: an incident as data. It declares its ground truth (the signature, root-cause service
 * and fault type a correct correlator reports) and its steps; parameters carry the guide's values as
 * defaults.
 *
 * @param incident the incident number in the guide, absent for user scenarios that are not from it
 * @param origin   where it was loaded from (a classpath resource or a file), for error messages
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Scenario(String id, String title, Integer incident, String description, GroundTruth expected,
                       Map<String, ParameterSpec> parameters, List<StepSpec> steps, String origin) {

    /** Short enough that {@code locust-<id>-<8 hex>} stays a valid Kubernetes name and label value. */
    public static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");

    public Scenario {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1-40 lowercase letters, digits or '-', starting and"
                    + " ending with a letter or digit, was " + (id == null ? "missing" : "'" + id + "'"));
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title is required");
        }
        if (expected == null) {
            throw new IllegalArgumentException("expected (signature, rootCauseService, faultType) is required");
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("steps must list at least one step");
        }
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        steps = List.copyOf(steps);
    }

    /** The defaults of every parameter, in declaration order. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        parameters.forEach((name, spec) -> defaults.put(name, spec.defaultValue()));
        return defaults;
    }
}
