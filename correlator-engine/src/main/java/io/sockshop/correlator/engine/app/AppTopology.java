package io.sockshop.correlator.engine.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The application's services and how they relate: entrypoint, call edges, queue edges and
 * datastore edges, and how each source names a service. Detectors reason over this, never over
 * service names, so another application needs another topology file and nothing else.
 */
public final class AppTopology {

    private final String name;
    private final String entrypoint;
    private final String podLabel;
    private final Map<String, ServiceDef> services;
    private final List<CallEdge> calls;
    private final List<QueueEdge> queues;
    private final List<CallEdge> datastores;
    private final Map<String, String> byIdentifier = new HashMap<>();
    private final Map<String, String> byDeployment = new HashMap<>();

    public AppTopology(String name, String entrypoint, String podLabel, Collection<ServiceDef> services,
                       List<CallEdge> calls, List<QueueEdge> queues, List<CallEdge> datastores) {
        this.name = name;
        this.entrypoint = entrypoint;
        this.podLabel = podLabel == null || podLabel.isBlank() ? "name" : podLabel;
        var ordered = new LinkedHashMap<String, ServiceDef>();
        services.forEach(s -> ordered.put(s.name(), s));
        this.services = java.util.Collections.unmodifiableMap(ordered);
        this.calls = List.copyOf(calls);
        this.queues = List.copyOf(queues);
        this.datastores = List.copyOf(datastores);
        for (ServiceDef s : services) {
            byIdentifier.put(key(s.name()), s.name());
            s.deployments().forEach(d -> {
                byDeployment.put(d, s.name());
                byIdentifier.putIfAbsent(key(d), s.name());
            });
            s.aliases().forEach(a -> byIdentifier.putIfAbsent(key(a), s.name()));
        }
    }

    private static String key(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    public String entrypoint() {
        return entrypoint;
    }

    public String podLabel() {
        return podLabel;
    }

    public Collection<ServiceDef> services() {
        return services.values();
    }

    public Optional<ServiceDef> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public boolean has(String service) {
        return services.containsKey(service);
    }

    public ServiceRole role(String service) {
        ServiceDef def = services.get(service);
        return def == null ? ServiceRole.SERVICE : def.role();
    }

    public List<CallEdge> calls() {
        return calls;
    }

    public List<QueueEdge> queues() {
        return queues;
    }

    public List<CallEdge> datastores() {
        return datastores;
    }

    /** The service a Deployment (or the ReplicaSet/Pod name derived from it) belongs to. */
    public Optional<String> byDeployment(String deployment) {
        return Optional.ofNullable(byDeployment.get(deployment));
    }

    /** Any name a source uses for a service: its name, a deployment, a Datadog service tag, a host name. */
    public Optional<String> resolve(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byIdentifier.get(key(identifier)));
    }

    /** A ReplicaSet name is {@code <deployment>-<hash>}. */
    public Optional<String> byReplicaSet(String replicaSet) {
        int dash = replicaSet == null ? -1 : replicaSet.lastIndexOf('-');
        return dash <= 0 ? Optional.empty() : byDeployment(replicaSet.substring(0, dash));
    }

    /** A Pod name of a Deployment is {@code <deployment>-<rs hash>-<pod suffix>}. */
    public Optional<String> byPodName(String podName) {
        int dash = podName == null ? -1 : podName.lastIndexOf('-');
        return dash <= 0 ? Optional.empty() : byReplicaSet(podName.substring(0, dash));
    }

    /** Services {@code service} calls synchronously (call edges and datastore edges). */
    public List<String> callees(String service) {
        List<String> out = new ArrayList<>();
        calls.stream().filter(e -> e.from().equals(service)).forEach(e -> out.add(e.to()));
        datastores.stream().filter(e -> e.from().equals(service)).forEach(e -> out.add(e.to()));
        return out;
    }

    /** Services that call {@code service} synchronously (call edges and datastore edges). */
    public List<String> callers(String service) {
        List<String> out = new ArrayList<>();
        calls.stream().filter(e -> e.to().equals(service)).forEach(e -> out.add(e.from()));
        datastores.stream().filter(e -> e.to().equals(service)).forEach(e -> out.add(e.from()));
        return out;
    }

    /** Services behind the entrypoint: everything reachable from it through call edges, minus itself. */
    public List<String> backends() {
        List<String> out = new ArrayList<>();
        services.values().stream().filter(s -> !s.name().equals(entrypoint) && s.role() == ServiceRole.SERVICE)
                .forEach(s -> out.add(s.name()));
        return out;
    }

    /** Callers of {@code service} and their callers, up to the entrypoint: who feels it when it fails. */
    public List<String> upstreamOf(String service) {
        List<String> out = new ArrayList<>();
        List<String> frontier = new ArrayList<>(callers(service));
        while (!frontier.isEmpty()) {
            String next = frontier.remove(0);
            if (!out.contains(next) && !next.equals(service)) {
                out.add(next);
                frontier.addAll(callers(next));
            }
        }
        return out;
    }
}
