package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/** A container of a Pod, or of a Deployment's/ReplicaSet's/Job's pod template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Container(String name, String image, ResourceList requests, ResourceList limits) {
    public Container {
        Require.nonBlank(name, "name");
    }
}
