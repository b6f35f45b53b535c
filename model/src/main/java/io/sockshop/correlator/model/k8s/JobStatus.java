package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;

/** A Job's status, e.g. the Locust load generator the injector starts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(Integer active, Integer succeeded, Integer failed, Instant startTime,
                        Instant completionTime) {
    public JobStatus {
        Require.nonNegative(active, "active");
        Require.nonNegative(succeeded, "succeeded");
        Require.nonNegative(failed, "failed");
    }
}
