package io.sockshop.correlator.model.injection;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

/** An object a run changes, e.g. Deployment {@code sock-shop/payment}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetRef(String kind, String namespace, String name, String container) {
    public TargetRef {
        Require.nonBlank(kind, "kind");
        Require.nonBlank(namespace, "namespace");
        Require.nonBlank(name, "name");
    }
}
