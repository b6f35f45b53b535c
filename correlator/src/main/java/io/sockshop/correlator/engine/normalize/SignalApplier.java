package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.app.QueueEdge;
import io.sockshop.correlator.engine.logs.LogKind;
import io.sockshop.correlator.engine.logs.LogMatch;
import io.sockshop.correlator.engine.logs.PatternCatalogue;
import io.sockshop.correlator.engine.state.EvidenceRef;
import io.sockshop.correlator.engine.state.QueueState;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.finding.SourceType;
import io.sockshop.correlator.model.k8s.Container;
import io.sockshop.correlator.model.k8s.ContainerState;
import io.sockshop.correlator.model.k8s.ContainerStatus;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.Quantities;

import java.util.Optional;

/**
 * Normalises raw records into service state: resolves which service a record is about through the
 * application topology, classifies log lines through the pattern catalogue, converts units
 * (nanocores, cores, bytes, seconds), and reports what changed. Records about services the topology
 * does not know are ignored (and counted by the caller).
 */
public final class SignalApplier {

    private static final int SUMMARY_MAX = 240;
    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001b\\[[0-9;]*m");

    private final AppTopology topology;
    private final PatternCatalogue patterns;
    private final double limitRatio;

    public SignalApplier(AppTopology topology, PatternCatalogue patterns, double limitRatio) {
        this.topology = topology;
        this.patterns = patterns;
        this.limitRatio = limitRatio;
    }

    // ---------------------------------------------------------------- Kubernetes

    /** Returns false when the record concerns no known service. */
    public boolean k8s(CloudEvent<K8sObject> event, StateAccess state, Changes changes) {
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
                    consumerWentDown(name, s, state, changes);
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

    // ---------------------------------------------------------------- logs

    public boolean log(CloudEvent<DatadogLog> event, StateAccess state, Changes changes) {
        DatadogLog log = event.data();
        Optional<String> service = log.tag("kube_deployment").flatMap(topology::byDeployment)
                .or(() -> topology.resolve(log.service()))
                .or(() -> log.tag("service").flatMap(topology::resolve))
                .or(() -> log.tag("pod_name").flatMap(topology::byPodName))
                .or(() -> log.tag("kube_container_name").flatMap(topology::resolve));
        if (service.isEmpty()) {
            return false;
        }
        String name = service.get();
        LogMatch match = patterns.classify(log.message());
        if (match == null) {
            return true;
        }
        long time = event.time().toEpochMilli();
        ServiceState s = state.service(name);
        s.lastLogAt = Math.max(s.lastLogAt, time);
        boolean failedStatus = match.kind() == LogKind.ORDER_STATUS && patterns.isFailedStatus(match.status());
        if (match.isError() || failedStatus) {
            s.error(time);
            changes.touch(name, false);
        }
        switch (match.kind()) {
            case DEPENDENCY_IO_ERROR, DEPENDENCY_TIMEOUT, CONNECTION_REFUSED -> {
                String callee = match.host() == null ? null : topology.resolve(match.host()).orElse(null);
                s.dependencyError(time, callee, ref(time, SourceType.LOG, log.message(), event.id()));
                changes.touch(name, true);
            }
            case CONSUMER_CONNECT_FAILED, PUBLISH_FAILED -> {
                String broker = topology.queues().stream()
                        .filter(q -> name.equals(q.consumer()) || name.equals(q.publisher()))
                        .map(QueueEdge::broker).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                s.dependencyError(time, broker, ref(time, SourceType.LOG, log.message(), event.id()));
                changes.touch(name, true);
            }
            case ORDER_STATUS -> {
                if (failedStatus) {
                    s.failedItem(match.id(), time, match.status(), event.id());
                    changes.touch(name, true);
                }
            }
            case PUBLISH -> {
                s.published(time, ref(time, SourceType.LOG, log.message(), event.id()));
                publishedToQueues(name, s, time, state, changes);
                changes.touch(name, false);
            }
            case CONSUME -> {
                s.consumed(time);
                changes.touch(name, false);
            }
            case CIRCUIT_OPEN -> {
                s.circuitOpen(time, ref(time, SourceType.LOG, log.message(), event.id()));
                changes.touch(name, true);
            }
            case DATASTORE_ERROR -> {
                s.datastoreError(time);
                changes.touch(name, true);
            }
            case DURATION, ACCESS -> {
                if (!Double.isNaN(match.durationMs())) {
                    s.latency(time, match.durationMs(), ref(time, SourceType.LOG, log.message(), event.id()));
                    changes.touch(name, false);
                }
            }
        }
        return true;
    }

    private void publishedToQueues(String publisher, ServiceState p, long time, StateAccess state, Changes changes) {
        for (QueueEdge q : topology.queues()) {
            if (!q.publisher().equals(publisher)) {
                continue;
            }
            ServiceState consumer = state.service(q.consumer());
            if (!consumer.unavailable() || consumer.unavailableSince == 0 || time < consumer.unavailableSince) {
                continue;
            }
            QueueState qs = state.app().queues.computeIfAbsent(q.queue(), k -> new QueueState());
            if (qs.consumerDownSince != consumer.unavailableSince) {
                seed(qs, consumer.unavailableSince, p);
            } else {
                qs.publishedWhileDown++;
                qs.firstPublishWhileDown = qs.firstPublishWhileDown == 0 ? time : Math.min(qs.firstPublishWhileDown, time);
                qs.lastPublishWhileDown = Math.max(qs.lastPublishWhileDown, time);
            }
            changes.appState = true;
            changes.decisive = true;
        }
    }

    private void consumerWentDown(String consumer, ServiceState c, StateAccess state, Changes changes) {
        for (QueueEdge q : topology.queues()) {
            if (q.consumer().equals(consumer)) {
                QueueState qs = state.app().queues.computeIfAbsent(q.queue(), k -> new QueueState());
                seed(qs, c.unavailableSince, state.service(q.publisher()));
                changes.appState = true;
            }
        }
    }

    private static void seed(QueueState qs, long since, ServiceState publisher) {
        qs.consumerDownSince = since;
        qs.publishedWhileDown = publisher.publishedSince(since);
        qs.firstPublishWhileDown = publisher.publishTimes.stream().filter(t -> t >= since).findFirst().orElse(0L);
        qs.lastPublishWhileDown = publisher.publishTimes.stream().filter(t -> t >= since).reduce((a, b) -> b).orElse(0L);
    }

    // ---------------------------------------------------------------- metrics

    public boolean metric(CloudEvent<MetricPoint> event, StateAccess state, Changes changes) {
        MetricPoint p = event.data();
        String metric = p.metric();
        long time = event.time().toEpochMilli();
        if (metric.startsWith("rabbitmq")) {
            return queueDepth(p, time, state, changes);
        }
        Optional<String> service = p.tag("kube_deployment").flatMap(topology::byDeployment)
                .or(() -> p.tag("pod_name").flatMap(topology::byPodName))
                .or(() -> p.tag("service").flatMap(topology::resolve))
                .or(() -> p.tag("kube_service").flatMap(topology::resolve))
                .or(() -> p.tag("kube_container_name").flatMap(topology::resolve));
        if (service.isEmpty()) {
            return false;
        }
        String name = service.get();
        ServiceState s = state.service(name);
        double v = p.value();
        switch (metric) {
            case "kubernetes.cpu.usage.total" -> {
                boolean wasHigh = s.cpuHighSince > 0;
                double milli = v / 1_000_000.0;
                s.cpu(time, milli, limitRatio, () -> ref(time, SourceType.METRIC, metric + " " + Math.round(milli) + "m"
                        + (s.cpuLimitMilli > 0 ? " of " + s.cpuLimitMilli + "m limit" : ""), event.id()));
                changes.touch(name, wasHigh != (s.cpuHighSince > 0));
            }
            case "kubernetes.cpu.limits" -> {
                long milli = Math.round(v * 1000);
                if (s.limits(time, milli, s.memLimitBytes, ref(time, SourceType.METRIC,
                        "kubernetes.cpu.limits " + milli + "m", event.id()))) {
                    changes.touch(name, true);
                }
                changes.touch(name, false);
            }
            case "kubernetes.memory.working_set" -> {
                boolean wasHigh = s.memHighSince > 0;
                s.memory(time, v, limitRatio, () -> ref(time, SourceType.METRIC, metric + " " + Math.round(v / 1048576) + "Mi"
                        + (s.memLimitBytes > 0 ? " of " + s.memLimitBytes / 1048576 + "Mi limit" : ""), event.id()));
                changes.touch(name, wasHigh != (s.memHighSince > 0));
            }
            case "kubernetes.memory.limits" -> {
                s.memLimitBytes = Math.round(v);
                changes.touch(name, false);
            }
            case "kubernetes.cpu.cfs.throttled.periods" -> {
                if (time >= s.throttledTime) {
                    s.throttledTime = time;
                    s.throttledPeriods = v;
                    changes.touch(name, false);
                }
            }
            case "kubernetes_state.deployment.replicas_available" -> {
                int available = (int) Math.round(v);
                if (s.replicas(time, s.desired, available, ref(time, SourceType.METRIC,
                        metric + " " + available, event.id()))) {
                    changes.touch(name, true);
                    if (available == 0) {
                        consumerWentDown(name, s, state, changes);
                    }
                }
                changes.touch(name, false);
            }
            case "kubernetes_state.deployment.replicas_desired" -> {
                if (time >= s.replicasTime) {
                    s.desired = (int) Math.round(v);
                    changes.touch(name, false);
                }
            }
            default -> {
                if (metric.startsWith("trace.") && metric.contains("errors")) {
                    s.errors(time, (int) Math.round(v));
                    changes.touch(name, false);
                } else if (metric.startsWith("trace.") && metric.contains("duration")) {
                    double ms = "millisecond".equals(p.unit()) ? v : v * 1000.0;
                    s.latency(time, ms, ref(time, SourceType.METRIC, metric + " " + Math.round(ms) + " ms", event.id()));
                    changes.touch(name, false);
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean queueDepth(MetricPoint p, long time, StateAccess state, Changes changes) {
        boolean depth = p.metric().contains("messages");
        boolean consumers = p.metric().contains("consumers");
        if (!p.metric().contains("queue") || !(depth || consumers)) {
            return false;
        }
        Optional<String> queue = p.tag("queue").or(() -> p.tag("rabbitmq_queue"));
        if (queue.isEmpty()) {
            return false;
        }
        for (QueueEdge q : topology.queues()) {
            if (q.queue().equals(queue.get()) && q.broker() != null) {
                ServiceState broker = state.service(q.broker());
                if (depth && time >= broker.queueDepthTime) {
                    broker.queueDepthTime = time;
                    broker.queueDepth = p.value();
                    changes.touch(q.broker(), false);
                } else if (consumers && time >= broker.queueConsumersTime) {
                    broker.queueConsumersTime = time;
                    broker.queueConsumers = p.value();
                    changes.touch(q.broker(), false);
                }
                return true;
            }
        }
        return false;
    }

    private static EvidenceRef ref(long time, SourceType source, String text, String id) {
        return new EvidenceRef(time, source, oneLine(text), id);
    }

    /** One printable line: ANSI colour codes removed, cut at {@value #SUMMARY_MAX} characters. */
    static String oneLine(String text) {
        String clean = text.indexOf('\u001b') >= 0 ? ANSI.matcher(text).replaceAll("").strip() : text.strip();
        int nl = clean.indexOf('\n');
        if (nl >= 0) {
            clean = clean.substring(0, nl);
        }
        return clean.length() > SUMMARY_MAX ? clean.substring(0, SUMMARY_MAX) + "..." : clean;
    }
}
