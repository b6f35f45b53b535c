package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/**
 * The root cause a finding can support with evidence; absent from a finding that cannot support one.
 *
 * @param service      the service at fault
 * @param resourceKind the Kubernetes kind at fault, e.g. {@code Deployment}
 * @param resourceName its name
 * @param reason       one line: why this is the cause ("memory limit 1000Mi exceeded: OOMKilled x4")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RootCause(String service, String resourceKind, String resourceName, String reason) {
    public RootCause {
        Require.nonBlank(service, "service");
        Require.nonBlank(reason, "reason");
    }
}
