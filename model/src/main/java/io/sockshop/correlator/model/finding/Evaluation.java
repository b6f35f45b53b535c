package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.util.List;

/**
 * Fields an AIOpsLab-style grader reads directly.
 *
 * @param detected     an incident was detected
 * @param localization suspected services, best first (accuracy at 1 and at 3 are computed from it)
 * @param faultType    the fault type from the fixed taxonomy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(Boolean detected, List<String> localization, FaultType faultType) {
    public Evaluation {
        Require.nonNull(detected, "detected");
        localization = Require.list(localization, "localization");
    }
}
