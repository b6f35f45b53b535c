package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/** One entry of a Pod's {@code status.containerStatuses}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStatus(String name, Boolean ready, Integer restartCount, ContainerState state,
                              ContainerState lastState, String image) {
    public ContainerStatus {
        Require.nonBlank(name, "name");
        Require.nonNull(restartCount, "restartCount");
        Require.nonNegative(restartCount, "restartCount");
    }
}
