package io.sockshop.correlator.collector.k8s;

import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.sockshop.correlator.model.k8s.Condition;
import io.sockshop.correlator.model.k8s.Container;
import io.sockshop.correlator.model.k8s.ContainerState;
import io.sockshop.correlator.model.k8s.ContainerStatus;
import io.sockshop.correlator.model.k8s.EventInfo;
import io.sockshop.correlator.model.k8s.EventSource;
import io.sockshop.correlator.model.k8s.JobStatus;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.ObjectRef;
import io.sockshop.correlator.model.k8s.OwnerRef;
import io.sockshop.correlator.model.k8s.PodStatus;
import io.sockshop.correlator.model.k8s.Replicas;
import io.sockshop.correlator.model.k8s.WatchAction;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Turns what the informers deliver into the contract's watch record, keeping the fields that matter
 * for incidents: replicas, containers with requests and limits, container statuses with their last
 * termination (the only place an OOM kill shows), conditions, owners, and Events normalised over
 * core/v1 and events.k8s.io/v1.
 */
public final class K8sObjectMapper {

    private final String cluster;

    public K8sObjectMapper(String cluster) {
        this.cluster = cluster;
    }

    public K8sObject map(HasMetadata object, WatchAction action, Instant observedAt) {
        ObjectMeta meta = object.getMetadata();
        Replicas replicas = null;
        List<Container> containers = List.of();
        PodStatus pod = null;
        EventInfo event = null;
        JobStatus job = null;
        if (object instanceof Pod p) {
            containers = p.getSpec() == null ? List.of() : Resources.containers(p.getSpec().getContainers());
            pod = podStatus(p);
        } else if (object instanceof Deployment d) {
            var status = d.getStatus();
            replicas = status == null ? replicas(d.getSpec() == null ? null : d.getSpec().getReplicas(), null, null, null, null, null)
                    : replicas(d.getSpec() == null ? null : d.getSpec().getReplicas(), status.getReplicas(),
                    status.getReadyReplicas(), status.getAvailableReplicas(), status.getUpdatedReplicas(),
                    status.getUnavailableReplicas());
            containers = templateContainers(d.getSpec() == null ? null : d.getSpec().getTemplate());
        } else if (object instanceof ReplicaSet rs) {
            var status = rs.getStatus();
            Integer desired = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
            // A ReplicaSet has no notion of "updated": that count stays absent.
            Replicas counts = status == null ? replicas(desired, null, null, null, null, null)
                    : replicas(desired, status.getReplicas(), status.getReadyReplicas(), status.getAvailableReplicas(),
                    null, null);
            replicas = new Replicas(counts.desired(), counts.current(), counts.ready(), counts.available(), null,
                    counts.unavailable());
            containers = templateContainers(rs.getSpec() == null ? null : rs.getSpec().getTemplate());
        } else if (object instanceof Job j) {
            containers = templateContainers(j.getSpec() == null ? null : j.getSpec().getTemplate());
            var status = j.getStatus();
            job = status == null ? new JobStatus(0, 0, 0, null, null)
                    : new JobStatus(zero(status.getActive()), zero(status.getSucceeded()), zero(status.getFailed()),
                    Times.parse(status.getStartTime()), Times.parse(status.getCompletionTime()));
        } else if (object instanceof io.fabric8.kubernetes.api.model.Event e) {
            event = coreEvent(e);
        } else if (object instanceof io.fabric8.kubernetes.api.model.events.v1.Event e) {
            event = eventsV1(e);
        }
        return new K8sObject(action, cluster, object.getKind(), object.getApiVersion(), meta.getNamespace(),
                meta.getName(), meta.getUid(), meta.getResourceVersion(), meta.getGeneration(), meta.getLabels(),
                owners(meta), Times.parse(meta.getCreationTimestamp()), Times.parse(meta.getDeletionTimestamp()),
                observedAt, action == WatchAction.RELIST_DELETED, replicas, containers, pod, event, job);
    }

    private static Replicas replicas(Integer desired, Integer current, Integer ready, Integer available,
                                     Integer updated, Integer unavailable) {
        // Kubernetes omits zero counts from status; the contract writes them as 0.
        int want = zero(desired);
        int avail = zero(available);
        return new Replicas(want, zero(current), zero(ready), avail, zero(updated),
                unavailable != null ? unavailable : Math.max(0, want - avail));
    }

    private static int zero(Integer value) {
        return value == null ? 0 : Math.max(0, value);
    }

    private static List<Container> templateContainers(PodTemplateSpec template) {
        return template == null || template.getSpec() == null ? List.of()
                : Resources.containers(template.getSpec().getContainers());
    }

    private static List<OwnerRef> owners(ObjectMeta meta) {
        if (meta.getOwnerReferences() == null) {
            return List.of();
        }
        return meta.getOwnerReferences().stream()
                .filter(o -> o.getKind() != null && o.getName() != null)
                .map(o -> new OwnerRef(o.getKind(), o.getName(), o.getUid(), o.getController()))
                .toList();
    }

    private static PodStatus podStatus(Pod pod) {
        var status = pod.getStatus();
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (status == null) {
            return new PodStatus(null, nodeName, null, List.of(), List.of());
        }
        List<ContainerStatus> statuses = status.getContainerStatuses() == null ? List.of()
                : status.getContainerStatuses().stream()
                .filter(s -> s.getName() != null)
                .map(s -> new ContainerStatus(s.getName(), s.getReady(), zero(s.getRestartCount()),
                        state(s.getState()), state(s.getLastState()), s.getImage()))
                .toList();
        List<Condition> conditions = status.getConditions() == null ? List.of()
                : status.getConditions().stream()
                .filter(c -> c.getType() != null && c.getStatus() != null)
                .map(K8sObjectMapper::condition)
                .toList();
        return new PodStatus(status.getPhase(), nodeName, status.getReason(), statuses, conditions);
    }

    private static Condition condition(PodCondition c) {
        return new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), Times.parse(c.getLastTransitionTime()));
    }

    private static ContainerState state(io.fabric8.kubernetes.api.model.ContainerState state) {
        if (state == null) {
            return null;
        }
        ContainerStateTerminated t = state.getTerminated();
        ContainerStateWaiting w = state.getWaiting();
        ContainerStateRunning r = state.getRunning();
        if (t != null) {
            return new ContainerState(null, null, new ContainerState.Terminated(t.getReason(), zero(t.getExitCode()),
                    t.getSignal(), t.getMessage(), Times.parse(t.getStartedAt()), Times.parse(t.getFinishedAt())));
        }
        if (w != null) {
            return new ContainerState(new ContainerState.Waiting(w.getReason(), w.getMessage()), null, null);
        }
        if (r != null) {
            return new ContainerState(null, new ContainerState.Running(Times.parse(r.getStartedAt())), null);
        }
        return null;
    }

    private static EventInfo coreEvent(io.fabric8.kubernetes.api.model.Event e) {
        ObjectReference involved = e.getInvolvedObject();
        Integer count = e.getCount();
        Instant last = Times.parse(e.getLastTimestamp());
        if (e.getSeries() != null) {
            count = e.getSeries().getCount() != null ? e.getSeries().getCount() : count;
            last = Times.latest(last, microTime(e.getSeries().getLastObservedTime())).orElse(null);
        }
        EventSource source = e.getSource() == null ? null
                : new EventSource(e.getSource().getComponent(), e.getSource().getHost());
        return new EventInfo(reason(e.getReason()), e.getMessage(), e.getType(), count,
                Times.parse(e.getFirstTimestamp()), last, microTime(e.getEventTime()),
                ref(involved == null ? null : involved.getKind(), involved == null ? null : involved.getNamespace(),
                        involved == null ? null : involved.getName(), involved == null ? null : involved.getUid(),
                        involved == null ? null : involved.getFieldPath()),
                source, blankToNull(e.getReportingComponent()), blankToNull(e.getReportingInstance()),
                e.getAction(), "v1");
    }

    private static EventInfo eventsV1(io.fabric8.kubernetes.api.model.events.v1.Event e) {
        ObjectReference regarding = e.getRegarding();
        Integer count = e.getDeprecatedCount();
        Instant last = Times.parse(e.getDeprecatedLastTimestamp());
        if (e.getSeries() != null) {
            count = e.getSeries().getCount() != null ? e.getSeries().getCount() : count;
            last = Times.latest(last, microTime(e.getSeries().getLastObservedTime())).orElse(null);
        }
        Instant eventTime = microTime(e.getEventTime());
        EventSource source = e.getDeprecatedSource() == null ? null
                : new EventSource(e.getDeprecatedSource().getComponent(), e.getDeprecatedSource().getHost());
        Instant first = Times.parse(e.getDeprecatedFirstTimestamp());
        return new EventInfo(reason(e.getReason()), e.getNote(), e.getType(), count == null ? 1 : count,
                first != null ? first : eventTime, last != null ? last : eventTime, eventTime,
                ref(regarding == null ? null : regarding.getKind(), regarding == null ? null : regarding.getNamespace(),
                        regarding == null ? null : regarding.getName(), regarding == null ? null : regarding.getUid(),
                        regarding == null ? null : regarding.getFieldPath()),
                source, blankToNull(e.getReportingController()), blankToNull(e.getReportingInstance()),
                e.getAction(), "events.k8s.io/v1");
    }

    /** Events without a reason or involved object exist (hand-made ones); the contract needs both. */
    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "Unknown" : reason;
    }

    private static ObjectRef ref(String kind, String namespace, String name, String uid, String fieldPath) {
        return new ObjectRef(kind == null || kind.isBlank() ? "Unknown" : kind, namespace,
                name == null || name.isBlank() ? "unknown" : name, uid, fieldPath);
    }

    private static Instant microTime(io.fabric8.kubernetes.api.model.MicroTime time) {
        return time == null ? null : Times.parse(time.getTime());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Event time: the best time the object offers. Events: the latest of lastTimestamp,
     * series.lastObservedTime and eventTime. Pods: the latest container start/finish or condition
     * transition, unless the pod is being deleted. Anything else, deletes and objects that offer no
     * time: when the collector observed it, because spec and status changes carry no timestamp.
     */
    public static Instant eventTime(K8sObject object) {
        Instant observed = object.observedAt();
        if (object.isDelete()) {
            return observed;
        }
        if (object.event() != null) {
            EventInfo e = object.event();
            return Times.latest(e.lastTimestamp(), e.eventTime()).or(() -> Times.latest(e.firstTimestamp()))
                    .or(() -> Times.latest(object.creationTimestamp())).orElse(observed);
        }
        if (object.pod() != null && object.deletionTimestamp() == null) {
            Stream<Instant> containerTimes = object.pod().containerStatuses().stream()
                    .flatMap(s -> Stream.of(s.state(), s.lastState()))
                    .filter(Objects::nonNull)
                    .flatMap(K8sObjectMapper::times);
            Stream<Instant> conditionTimes = object.pod().conditions().stream().map(Condition::lastTransitionTime);
            return Stream.concat(containerTimes, conditionTimes).filter(Objects::nonNull)
                    .max(Instant::compareTo).orElse(observed);
        }
        return observed;
    }

    private static Stream<Instant> times(ContainerState state) {
        if (state.terminated() != null) {
            return Stream.of(state.terminated().finishedAt(), state.terminated().startedAt());
        }
        if (state.running() != null) {
            return Stream.of(state.running().startedAt());
        }
        return Stream.empty();
    }
}
