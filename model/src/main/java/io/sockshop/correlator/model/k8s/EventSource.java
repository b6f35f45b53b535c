package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who reported a Kubernetes Event: {@code deployment-controller}, {@code kubelet} on a host, ... */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSource(String component, String host) {
}
