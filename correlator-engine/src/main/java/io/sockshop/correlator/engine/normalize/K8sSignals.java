package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.state.EvidenceRef;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.finding.SourceType;
import io.sockshop.correlator.model.k8s.Container;
import io.sockshop.correlator.model.k8s.ContainerState;
import io.sockshop.correlator.model.k8s.ContainerStatus;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.Quantities;

import java.util.Optional;

import static io.sockshop.correlator.engine.normalize.Signals.oneLine;

/**
 * Kubernetes watch records to service state: Deployments (replicas, limits), Pods (restarts with the
 * termination reason and exit code, waiting reasons), ScalingReplicaSet and kubelet Events.
 */
final class K8sSignals {

    private final AppTopology topology;
    private final QueueTracking queues;

    K8sSignals(AppTopology topology, QueueTracking queues) {
        this.topology = topology;
        this.queues = queues;
    }

    /** Returns false when the record concerns no known service. */
    boolean apply(CloudEvent<K8sObject> event, StateAccess state, Changes changes) {
        K8sObject o = event.data();
        long time = event.time().toEpochMilli();
        return switch (o.kind()) {
            case "Deployment" -> deployment(o, time, event.id(), state, changes);
            case "Pod" -> pod(o, time, event.id(), state, changes);
            case "Event" -> k8sEvent(o, time, event.id(), state, changes);
            default -> false;
        };
    }

    private boolean deployment(K8sObject o, long time, String id, StateAccess state, Changes changes) {
        Optional<String> service = topology.byDeployment(o.name())
                .or(() -> topology.resolve(o.labels().get(topology.podLabel())));
        if (service.isEmpty()) {
            return false;
        }
        String name = service.get();
        ServiceState s = state.service(name);
        int desired = o.isDelete() ? 0 : o.replicas() == null || o.replicas().desired() == null ? s.desired
                : o.replicas().desired();
        Integer availableNow = o.isDelete() ? Integer.valueOf(0) : o.replicas() == null ? null : o.replicas().available();
        if (availableNow != null) {
            EvidenceRef ev = new EvidenceRef(time, SourceType.K8S, "Deployment " + o.name() + ": " + availableNow + " of "
                    + desired + " replicas available", id);
            if (s.replicas(time, desired, availableNow, ev)) {
                changes.touch(name, true);
                if (availableNow == 0) {
                    queues.consumerWentDown(name, s, state, changes);
                }
            }
            changes.touch(name, false);
        }
        Container c = o.containers().stream().filter(x -> x.name().equals(o.name())).findFirst()
                .orElse(o.containers().isEmpty() ? null : o.containers().get(0));
        if (c != null && !o.isDelete()) {
            long cpu = c.limits() == null || c.limits().cpu() == null ? 0 : Quantities.cpuMillis(c.limits().cpu());
            long mem = c.limits() == null || c.limits().memory() == null ? 0 : Quantities.bytes(c.limits().memory());
            EvidenceRef ev = new EvidenceRef(time, SourceType.K8S, "Deployment " + o.name() + " limits set to cpu="
                    + (c.limits() == null || c.limits().cpu() == null ? "none" : c.limits().cpu()) + " memory="
                    + (c.limits() == null || c.limits().memory() == null ? "none" : c.limits().memory()), id);
            if (s.limits(time, cpu, mem, ev)) {
                changes.touch(name, true);
            }
            changes.touch(name, false);
        }
        return true;
    }

    private boolean pod(K8sObject o, long time, String id, StateAccess state, Changes changes) {
        Optional<String> service = topology.resolve(o.labels().get(topology.podLabel()))
                .or(() -> o.controller().flatMap(owner -> topology.byReplicaSet(owner.name())))
                .or(() -> topology.byPodName(o.name()));
        if (service.isEmpty()) {
            return false;
        }
        String name = service.get();
        ServiceState s = state.service(name);
        if (o.isDelete()) {
            for (ContainerStatus cs : o.pod() == null ? java.util.List.<ContainerStatus>of() : o.pod().containerStatuses()) {
                if (s.waiting(o.name() + "/" + cs.name(), null, time, null)) {
                    changes.touch(name, true);
                }
            }
            changes.touch(name, false);
            return true;
        }
        if (o.pod() == null) {
            return true;
        }
        for (ContainerStatus cs : o.pod().containerStatuses()) {
            String key = o.name() + "/" + cs.name();
            ContainerState.Terminated last = cs.lastState() == null ? null : cs.lastState().terminated();
            long terminatedAt = last != null && last.finishedAt() != null ? last.finishedAt().toEpochMilli() : time;
            if (s.restartCount(key, cs.restartCount(), terminatedAt, last == null ? null : last.reason(),
                    last == null ? null : last.exitCode(), id)) {
                changes.touch(name, true);
            }
            String waiting = cs.state() != null && cs.state().waiting() != null ? cs.state().waiting().reason() : null;
            EvidenceRef ev = waiting == null ? null : new EvidenceRef(time, SourceType.K8S,
                    o.name() + " container " + cs.name() + " waiting: " + waiting
                            + (cs.restartCount() > 0 ? " after " + cs.restartCount() + " restart(s)" : ""), id);
            if (s.waiting(key, waiting, time, ev)) {
                changes.touch(name, true);
            }
            changes.touch(name, false);
        }
        return true;
    }

    private boolean k8sEvent(K8sObject o, long time, String id, StateAccess state, Changes changes) {
        var e = o.event();
        if (!"ScalingReplicaSet".equals(e.reason())) {
            return kubeletEvent(e, time, id, state, changes);
        }
        ScalingMessage m = ScalingMessage.parse(e.message());
        if (m == null || m.up() || m.to() != 0) {
            return false;
        }
        Optional<String> service = topology.byReplicaSet(m.replicaSet())
                .or(() -> "Deployment".equals(e.involvedObject().kind()) ? topology.byDeployment(e.involvedObject().name())
                        : Optional.empty());
        if (service.isEmpty()) {
            return false;
        }
        ServiceState s = state.service(service.get());
        // Evidence only: a rolling update scales its old ReplicaSet to 0 too; availability comes from the Deployment.
        s.scaledToZero = new EvidenceRef(time, SourceType.K8S, "ScalingReplicaSet: " + e.message(), id);
        changes.touch(service.get(), false);
        return true;
    }

    /** BackOff, Unhealthy (probe failures) and Killing on a Pod: evidence and the probe-failure count. */
    private boolean kubeletEvent(io.sockshop.correlator.model.k8s.EventInfo e, long time, String id, StateAccess state,
                                 Changes changes) {
        if (!"Pod".equals(e.involvedObject().kind())) {
            return false;
        }
        Optional<String> service = topology.byPodName(e.involvedObject().name());
        if (service.isEmpty()) {
            return false;
        }
        ServiceState s = state.service(service.get());
        EvidenceRef ev = new EvidenceRef(time, SourceType.K8S, e.reason() + ": " + oneLine(String.valueOf(e.message()))
                + (e.count() != null && e.count() > 1 ? " (x" + e.count() + ")" : ""), id);
        switch (e.reason()) {
            case "Unhealthy" -> {
                s.probeFailures.add(time);
                s.lastProbeFailure = ev;
            }
            case "BackOff" -> s.lastBackOff = ev;
            case "Killing" -> s.lastKilling = ev;
            default -> {
                return false;
            }
        }
        changes.touch(service.get(), false);
        return true;
    }
}
