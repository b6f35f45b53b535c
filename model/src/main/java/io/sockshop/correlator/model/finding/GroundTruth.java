package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/**
 * What an injection is expected to produce: used by the injector's events and by score records.
 *
 * @param signature        the expected signature id (see {@link Signatures})
 * @param rootCauseService the service a correct finding names as root cause
 * @param faultType        the expected fault type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroundTruth(String signature, String rootCauseService, FaultType faultType) {
    public GroundTruth {
        Require.nonBlank(signature, "signature");
        Require.nonBlank(rootCauseService, "rootCauseService");
        Require.nonNull(faultType, "faultType");
    }
}
