package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/**
 * Replica counts of a Deployment or ReplicaSet: {@code desired} is {@code spec.replicas}, the others
 * come from {@code status}. Kubernetes omits zero counts from status; the collector writes them as 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Replicas(Integer desired, Integer current, Integer ready, Integer available, Integer updated,
                       Integer unavailable) {
    public Replicas {
        Require.nonNegative(desired, "desired");
        Require.nonNegative(current, "current");
        Require.nonNegative(ready, "ready");
        Require.nonNegative(available, "available");
        Require.nonNegative(updated, "updated");
        Require.nonNegative(unavailable, "unavailable");
    }
}
