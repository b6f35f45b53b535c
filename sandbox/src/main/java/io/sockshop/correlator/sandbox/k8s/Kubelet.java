package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The node agent of the simulated cluster: starts the containers of new pods (with the events a real
 * kubelet writes), restarts crashed ones with crash-loop back-off, stops pods being deleted, and
 * reports pod status. Status is written only when it changed, as a real kubelet does, so watchers
 * see a MODIFIED per real change.
 */
public final class Kubelet {

    private final KubernetesClient client;
    private final String namespace;
    private final String node;
    private final EventRecorder events;
    private final PodStatusRenderer renderer;
    private final double probeDelayScale;
    private final Duration gracePeriod;
    private final Map<String, PodRecord> pods = new LinkedHashMap<>();
    private int nextIp = 10;

    public Kubelet(KubernetesClient client, String namespace, String node, EventRecorder events,
                   double probeDelayScale, Duration gracePeriod) {
        this.client = client;
        this.namespace = namespace;
        this.node = node;
        this.events = events;
        this.renderer = new PodStatusRenderer("172.19.0.2");
        this.probeDelayScale = probeDelayScale;
        this.gracePeriod = gracePeriod;
    }

    /** A pod that was running before the simulation began: no start-up events. */
    public PodRecord adoptRunning(Pod pod, Instant startedAt) {
        PodRecord record = new PodRecord(pod, nextIp(), startedAt, true);
        pods.put(pod.getMetadata().getUid(), record);
        return record;
    }

    /** Brings the kubelet in line with the API's pods, then advances every container. */
    public void sync(Instant now, Collection<Pod> apiPods) {
        Set<String> present = new HashSet<>();
        for (Pod pod : apiPods) {
            String uid = pod.getMetadata().getUid();
            present.add(uid);
            pods.computeIfAbsent(uid, u -> new PodRecord(pod, nextIp(), now, false));
        }
        pods.keySet().removeIf(uid -> !present.contains(uid));
        for (PodRecord record : List.copyOf(pods.values())) {
            advance(record, now);
        }
        for (PodRecord record : pods.values()) {
            if (record.dirty()) {
                Pod pod = client.pods().inNamespace(namespace).withName(record.name()).get();
                if (pod != null) {
                    pod.setStatus(renderer.render(record, now));
                    pod.getMetadata().setResourceVersion(null);
                    client.pods().inNamespace(namespace).resource(pod).updateStatus();
                }
                record.markClean(record.ready(now));
            }
        }
    }

    private void advance(PodRecord record, Instant now) {
        if (record.terminating()) {
            if (!now.isBefore(record.terminatingUntil())) {
                client.pods().inNamespace(namespace).withName(record.name()).delete();
                pods.remove(record.uid());
            }
            return;
        }
        if (!record.scheduled()) {
            record.markScheduled();
            events.record(now, record.pod(), null, EventRecorder.NORMAL, "Scheduled",
                    "Successfully assigned " + namespace + "/" + record.name() + " to " + node, "default-scheduler", null);
            record.markDirty();
            return;
        }
        for (ContainerRuntime container : record.containers()) {
            if (container.phase() == ContainerRuntime.Phase.CREATING || container.backOffOver(now)) {
                startContainer(record, container, now);
            }
        }
        // Readiness turns true on its own once the probe delay is over: report that change.
        if (record.ready(now) != record.reportedReady()) {
            record.markDirty();
        }
    }

    private void startContainer(PodRecord record, ContainerRuntime container, Instant now) {
        String fieldPath = "spec.containers{" + container.name() + "}";
        events.record(now, record.pod(), fieldPath, EventRecorder.NORMAL, "Pulled",
                "Container image \"" + container.image() + "\" already present on machine", "kubelet", node);
        events.record(now, record.pod(), fieldPath, EventRecorder.NORMAL, "Created",
                "Created container " + container.name(), "kubelet", node);
        events.record(now, record.pod(), fieldPath, EventRecorder.NORMAL, "Started",
                "Started container " + container.name(), "kubelet", node);
        container.start(now, readinessDelay(record.pod(), container.name()));
        record.markDirty();
    }

    private Duration readinessDelay(Pod pod, String containerName) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(containerName)).findFirst()
                .map(Container::getReadinessProbe).map(Probe::getInitialDelaySeconds)
                .map(seconds -> Duration.ofMillis((long) (seconds * 1000 * probeDelayScale)))
                .orElse(Duration.ZERO);
    }

    /** The container died (OOM kill, error exit): restart now or back off, as the kubelet would. */
    public void containerDied(PodRecord record, String container, String reason, int exitCode, Instant now) {
        ContainerRuntime runtime = record.container(container).orElseThrow();
        if (!runtime.running()) {
            return;
        }
        boolean backingOff = runtime.die(now, reason, exitCode);
        if (backingOff) {
            events.record(now, record.pod(), "spec.containers{" + container + "}", EventRecorder.WARNING, "BackOff",
                    "Back-off restarting failed container " + container + " in pod " + record.name() + "_" + namespace
                            + "(" + record.uid() + ")", "kubelet", node);
        } else {
            String fieldPath = "spec.containers{" + container + "}";
            events.record(now, record.pod(), fieldPath, EventRecorder.NORMAL, "Created",
                    "Created container " + container, "kubelet", node);
            events.record(now, record.pod(), fieldPath, EventRecorder.NORMAL, "Started",
                    "Started container " + container, "kubelet", node);
        }
        record.markDirty();
    }

    /** Liveness failed too often: SIGTERM, the process exits 143, and the container restarts. */
    public void killedByLiveness(PodRecord record, String container, Instant now) {
        events.record(now, record.pod(), "spec.containers{" + container + "}", EventRecorder.NORMAL, "Killing",
                "Container " + container + " failed liveness probe, will be restarted", "kubelet", node);
        containerDied(record, container, "Error", 143, now);
    }

    /** A probe timed out or was refused: a Warning, as the kubelet writes it. */
    public void probeFailed(PodRecord record, String container, String message, Instant now) {
        events.record(now, record.pod(), "spec.containers{" + container + "}", EventRecorder.WARNING, "Unhealthy",
                message, "kubelet", node);
    }

    /** Stops a pod that is being deleted; it leaves the API after the grace period. */
    public void terminate(String podUid, Instant now) {
        PodRecord record = pods.get(podUid);
        if (record == null || record.terminating()) {
            return;
        }
        for (ContainerRuntime container : record.containers()) {
            events.record(now, record.pod(), "spec.containers{" + container.name() + "}", EventRecorder.NORMAL,
                    "Killing", "Stopping container " + container.name(), "kubelet", node);
        }
        record.terminateAt(now.plus(gracePeriod));
    }

    public Collection<PodRecord> pods() {
        return pods.values();
    }

    /** Pods of a service (by their {@code name} label) that are not shutting down. */
    public List<PodRecord> podsOf(String service) {
        return pods.values().stream().filter(p -> service.equals(p.service()) && !p.terminating())
                .collect(Collectors.toList());
    }

    public boolean isTerminating(String podUid) {
        PodRecord record = pods.get(podUid);
        return record != null && record.terminating();
    }

    public String node() {
        return node;
    }

    private String nextIp() {
        return "10.244.1." + (nextIp++ % 250 + 2);
    }
}
