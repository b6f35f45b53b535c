package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a pod's status the way a kubelet reports it (shape of a real kind pod, see the reference pod). */
final class PodStatusRenderer {

    private final String hostIp;

    PodStatusRenderer(String hostIp) {
        this.hostIp = hostIp;
    }

    PodStatus render(PodRecord record, Instant now) {
        boolean ready = record.ready(now);
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerRuntime container : record.containers()) {
            statuses.add(containerStatus(record, container, now));
        }
        String since = KubeTime.time(record.containers().stream().map(ContainerRuntime::phaseSince)
                .max(Instant::compareTo).orElse(record.createdAt()));
        List<PodCondition> conditions = List.of(
                condition("PodReadyToStartContainers", record.scheduled(), KubeTime.time(record.createdAt())),
                condition("Initialized", true, KubeTime.time(record.createdAt())),
                condition("Ready", ready, since),
                condition("ContainersReady", ready, since),
                condition("PodScheduled", true, KubeTime.time(record.createdAt())));
        return new PodStatusBuilder()
                .withPhase(record.scheduled() ? "Running" : "Pending")
                .withHostIP(hostIp)
                .withPodIP(record.scheduled() ? record.ip() : null)
                .withQosClass("Burstable")
                .withStartTime(KubeTime.time(record.createdAt()))
                .withConditions(conditions)
                .withContainerStatuses(statuses)
                .build();
    }

    private static PodCondition condition(String type, boolean status, String since) {
        PodConditionBuilder builder = new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withLastTransitionTime(since);
        if (!status && (type.equals("Ready") || type.equals("ContainersReady"))) {
            builder.withReason("ContainersNotReady");
        }
        return builder.build();
    }

    private ContainerStatus containerStatus(PodRecord pod, ContainerRuntime container, Instant now) {
        ContainerStatusBuilder builder = new ContainerStatusBuilder()
                .withName(container.name())
                .withImage(container.image())
                .withImageID("docker.io/" + container.image())
                .withReady(container.ready(now))
                .withStarted(container.running())
                .withRestartCount(container.restartCount())
                .withState(state(pod, container));
        ContainerRuntime.Termination last = container.lastTermination();
        if (last != null) {
            builder.withLastState(new ContainerStateBuilder().withNewTerminated()
                    .withReason(last.reason())
                    .withExitCode(last.exitCode())
                    .withStartedAt(last.startedAt() == null ? null : KubeTime.time(last.startedAt()))
                    .withFinishedAt(KubeTime.time(last.finishedAt()))
                    .withContainerID("containerd://" + Integer.toHexString(last.finishedAt().hashCode()) + pod.uid().replace("-", ""))
                    .endTerminated().build());
        }
        if (container.running()) {
            builder.withContainerID("containerd://" + pod.uid().replace("-", "") + container.restartCount());
        }
        return builder.build();
    }

    private static ContainerState state(PodRecord pod, ContainerRuntime container) {
        return switch (container.phase()) {
            case RUNNING -> new ContainerStateBuilder().withNewRunning()
                    .withStartedAt(KubeTime.time(container.startedAt())).endRunning().build();
            case CREATING -> new ContainerStateBuilder().withNewWaiting().withReason("ContainerCreating").endWaiting().build();
            case BACK_OFF -> new ContainerStateBuilder().withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage("back-off " + human(container.backOff().toSeconds()) + " restarting failed container="
                            + container.name() + " pod=" + pod.name() + "_" + pod.pod().getMetadata().getNamespace()
                            + "(" + pod.uid() + ")")
                    .endWaiting().build();
        };
    }

    /** Go's duration format as the kubelet prints it: 10s, 40s, 1m20s, 5m0s. */
    private static String human(long seconds) {
        return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
    }
}
