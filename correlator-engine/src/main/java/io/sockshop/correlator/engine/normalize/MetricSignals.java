package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.app.QueueEdge;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.finding.SourceType;

import java.util.Optional;

import static io.sockshop.correlator.engine.normalize.Signals.ref;

/** Datadog metric points to service state, in the units Datadog reports (nanocores, cores, bytes, seconds). */
final class MetricSignals {

    private final AppTopology topology;
    private final QueueTracking queues;
    private final double limitRatio;

    MetricSignals(AppTopology topology, QueueTracking queues, double limitRatio) {
        this.topology = topology;
        this.queues = queues;
        this.limitRatio = limitRatio;
    }

    boolean apply(CloudEvent<MetricPoint> event, StateAccess state, Changes changes) {
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
                s.usage(true, p.tag("pod_name").orElse(""), time, milli, ref(time, SourceType.METRIC, metric, event.id()));
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
                s.usage(false, p.tag("pod_name").orElse(""), time, v, ref(time, SourceType.METRIC, metric, event.id()));
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
                        queues.consumerWentDown(name, s, state, changes);
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
}
