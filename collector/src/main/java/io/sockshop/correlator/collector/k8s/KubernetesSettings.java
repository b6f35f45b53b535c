package io.sockshop.correlator.collector.k8s;

import io.sockshop.correlator.model.ApplicationKey;

import java.time.Duration;
import java.util.List;

/**
 * @param cluster    the cluster name in keys and records ({@code kind-sockshop})
 * @param namespaces the allowlist of watched namespaces
 * @param resync     informer resync period; a resync of an unchanged object publishes nothing
 * @param eventsApi  which Events API to watch
 */
public record KubernetesSettings(String cluster, List<String> namespaces, Duration resync, EventsApi eventsApi) {

    public enum EventsApi {
        /** events.k8s.io/v1 where the cluster serves it, core/v1 otherwise. */
        AUTO,
        CORE,
        EVENTS_K8S_IO
    }

    public KubernetesSettings {
        ApplicationKey.of(cluster, "probe");
        namespaces = List.copyOf(namespaces);
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("collector.kubernetes.namespaces must name at least one namespace");
        }
        namespaces.forEach(ns -> ApplicationKey.of(cluster, ns));
    }
}
