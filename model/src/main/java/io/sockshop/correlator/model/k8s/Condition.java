package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;

/** A status condition (Pod {@code Ready}, Deployment {@code Available}, ...). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    public Condition {
        Require.nonBlank(type, "type");
        Require.nonBlank(status, "status");
    }
}
