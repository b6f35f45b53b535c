package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kubelet's view of one pod: its containers' runtimes, its IP, and whether it is shutting down. */
public final class PodRecord {

    private final Pod pod;
    private final String ip;
    private final Instant createdAt;
    private final List<ContainerRuntime> containers = new ArrayList<>();
    private Instant terminatingUntil;
    private boolean scheduled;
    private boolean dirty = true;
    private boolean reportedReady;

    PodRecord(Pod pod, String ip, Instant createdAt, boolean alreadyRunning) {
        this.pod = pod;
        this.ip = ip;
        this.createdAt = createdAt;
        for (Container container : pod.getSpec().getContainers()) {
            containers.add(new ContainerRuntime(container.getName(), container.getImage(),
                    alreadyRunning ? ContainerRuntime.Phase.RUNNING : ContainerRuntime.Phase.CREATING, createdAt));
        }
        this.scheduled = alreadyRunning;
    }

    public Pod pod() {
        return pod;
    }

    public String name() {
        return pod.getMetadata().getName();
    }

    public String uid() {
        return pod.getMetadata().getUid();
    }

    /** The value of the pod's {@code name} label: the Sock Shop service it belongs to. */
    public String service() {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("name");
    }

    public String ip() {
        return ip;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<ContainerRuntime> containers() {
        return containers;
    }

    public Optional<ContainerRuntime> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The first container: Sock Shop pods have one, rabbitmq has its exporter as the second. */
    public ContainerRuntime mainContainer() {
        return containers.get(0);
    }

    public boolean ready(Instant now) {
        return terminatingUntil == null && containers.stream().allMatch(c -> c.ready(now));
    }

    public boolean terminating() {
        return terminatingUntil != null;
    }

    Instant terminatingUntil() {
        return terminatingUntil;
    }

    void terminateAt(Instant until) {
        terminatingUntil = until;
        dirty = true;
    }

    boolean scheduled() {
        return scheduled;
    }

    void markScheduled() {
        scheduled = true;
    }

    boolean dirty() {
        return dirty;
    }

    void markDirty() {
        dirty = true;
    }

    /** The status was written; {@code ready} is what it said. */
    void markClean(boolean ready) {
        dirty = false;
        reportedReady = ready;
    }

    boolean reportedReady() {
        return reportedReady;
    }
}
