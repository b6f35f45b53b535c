package io.sockshop.correlator.engine.app;

import java.util.List;

/**
 * One service of the application and how each source names it.
 *
 * @param name        the name findings use
 * @param role        service, datastore or broker
 * @param deployments Kubernetes Deployment names (default: the service name)
 * @param aliases     other names the sources use: Datadog {@code service} tags such as
 *                    {@code sock-shop-orders}, the host name callers use in URLs
 */
public record ServiceDef(String name, ServiceRole role, List<String> deployments, List<String> aliases) {
    public ServiceDef {
        deployments = deployments == null || deployments.isEmpty() ? List.of(name) : List.copyOf(deployments);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        role = role == null ? ServiceRole.SERVICE : role;
    }
}
