package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/**
 * The object an Event is about ({@code involvedObject} in core/v1, {@code regarding} in
 * events.k8s.io/v1). Kubelet events carry a {@code fieldPath} such as {@code spec.containers{orders}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRef(String kind, String namespace, String name, String uid, String fieldPath) {
    public ObjectRef {
        Require.nonBlank(kind, "kind");
        Require.nonBlank(name, "name");
    }
}
