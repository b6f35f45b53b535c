package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/** One {@code metadata.ownerReferences} entry, e.g. the ReplicaSet that owns a Pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerRef(String kind, String name, String uid, Boolean controller) {
    public OwnerRef {
        Require.nonBlank(kind, "kind");
        Require.nonBlank(name, "name");
    }
}
