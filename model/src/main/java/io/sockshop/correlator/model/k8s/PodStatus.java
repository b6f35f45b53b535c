package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.sockshop.correlator.model.Require;

import java.util.List;

/** The parts of a Pod's status that matter for incidents. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodStatus(String phase, String nodeName, String reason, List<ContainerStatus> containerStatuses,
                        List<Condition> conditions) {
    public PodStatus {
        containerStatuses = Require.list(containerStatuses, "containerStatuses");
        conditions = Require.list(conditions, "conditions");
    }
}
