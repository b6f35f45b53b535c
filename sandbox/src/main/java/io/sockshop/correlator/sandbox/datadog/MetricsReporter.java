package io.sockshop.correlator.sandbox.datadog;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sockshop.correlator.sandbox.SimRandom;
import io.sockshop.correlator.sandbox.behaviour.ContainerLimits;
import io.sockshop.correlator.sandbox.behaviour.ServiceLoad;
import io.sockshop.correlator.sandbox.behaviour.ShopState;
import io.sockshop.correlator.sandbox.k8s.ContainerRuntime;
import io.sockshop.correlator.sandbox.k8s.PodRecord;
import io.sockshop.correlator.sandbox.logs.ServiceNaming;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Datadog Agent's kubelet, container and kube-state-metrics checks and the RabbitMQ
 * integration report, at the check interval, with their real names, units and tags
 * (integrations-core metadata): CPU in nanocores, limits in cores, memory in bytes, restarts,
 * throttled CFS periods, deployment replicas, APM request duration in seconds, queue depth.
 */
public final class MetricsReporter {

    private final MetricStore store;
    private final String cluster;
    private final String namespace;
    private final Duration interval;
    private final SimRandom random;

    public MetricsReporter(MetricStore store, String cluster, String namespace, Duration interval, SimRandom random) {
        this.store = store;
        this.cluster = cluster;
        this.namespace = namespace;
        this.interval = interval;
        this.random = random;
    }

    public void report(ShopState state, List<Deployment> deployments, int queueDepth, boolean consumerConnected) {
        Instant at = Instant.ofEpochSecond(state.now().getEpochSecond() - state.now().getEpochSecond() % interval.toSeconds());
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            Map<String, String> tags = Map.of("kube_namespace", namespace, "kube_deployment", name, "kube_cluster_name", cluster);
            int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
            int available = (int) state.podsOf(name).stream().filter(p -> p.ready(state.now())).count();
            store.add("kubernetes_state.deployment.replicas_desired", tags, at, desired, null);
            store.add("kubernetes_state.deployment.replicas_available", tags, at, available, null);
            store.add("kubernetes_state.deployment.replicas_unavailable", tags, at, Math.max(0, desired - available), null);
            reportPods(state, name, at);
        }
        reportLatency(state, at);
        Map<String, String> queueTags = Map.of("kube_namespace", namespace, "kube_deployment", "rabbitmq",
                "kube_cluster_name", cluster, "rabbitmq_queue", "shipping-task");
        if (state.runningPod("rabbitmq") != null) {
            store.add("rabbitmq.queue.messages", queueTags, at, queueDepth, "message");
            store.add("rabbitmq.queue.consumers", queueTags, at, consumerConnected ? 1 : 0, null);
        }
    }

    private void reportPods(ShopState state, String service, Instant at) {
        List<PodRecord> pods = state.podsOf(service);
        ServiceLoad load = state.load(service);
        long running = pods.stream().filter(p -> p.mainContainer().running()).count();
        for (PodRecord pod : pods) {
            for (int i = 0; i < pod.containers().size(); i++) {
                ContainerRuntime container = pod.containers().get(i);
                Container spec = pod.pod().getSpec().getContainers().get(i);
                Map<String, String> tags = new HashMap<>(Map.of("kube_namespace", namespace, "kube_deployment", service,
                        "pod_name", pod.name(), "kube_container_name", container.name(), "container_name", container.name(),
                        "kube_cluster_name", cluster, "short_image", ServiceNaming.shortImage(container.image())));
                store.add("kubernetes.containers.restarts", tags, at, container.restartCount(), null);
                store.add("kubernetes.containers.running", tags, at, container.running() ? 1 : 0, null);
                ContainerLimits.cpuMillis(spec).ifPresent(cpu -> store.add("kubernetes.cpu.limits", tags, at, cpu / 1000.0, "core"));
                ContainerLimits.memoryBytes(spec).ifPresent(mem -> store.add("kubernetes.memory.limits", tags, at, mem, "byte"));
                if (!container.running()) {
                    continue;
                }
                boolean main = i == 0 && load != null;
                double cpuMillis = main ? load.cpuMillis() / Math.max(1, running) : 1.5;
                double memoryBytes = (main ? load.memoryMi() : 20) * 1024 * 1024;
                store.add("kubernetes.cpu.usage.total", tags, at, random.around(cpuMillis, 0.05) * 1_000_000, "nanocore");
                store.add("kubernetes.memory.working_set", tags, at, random.around(memoryBytes, 0.02), "byte");
                store.add("kubernetes.memory.usage", tags, at, memoryBytes * 1.1, "byte");
                double throttled = main ? load.throttledRatio() : 0;
                store.add("kubernetes.cpu.cfs.periods", tags, at, interval.toMillis() / 100.0, null);
                store.add("kubernetes.cpu.cfs.throttled.periods", tags, at, throttled * interval.toMillis() / 100.0, null);
            }
        }
    }

    private void reportLatency(ShopState state, Instant at) {
        for (String service : List.of("front-end", "catalogue", "carts", "user", "orders", "payment", "shipping")) {
            ServiceLoad load = state.load(service);
            if (load == null || state.readyPod(service) == null || load.arrivalRps() <= 0) {
                continue;
            }
            Map<String, String> tags = Map.of("kube_namespace", namespace, "kube_deployment", service, "service", service,
                    "kube_cluster_name", cluster, "env", "sandbox");
            double seconds = load.latencyMs() / 1000.0;
            store.add("trace.http.request.duration", tags, at, random.around(seconds, 0.05), "second");
            store.add("trace.http.request.duration.by.service.95p", tags, at, random.around(seconds * 1.6, 0.05), "second");
            store.add("trace.http.request.hits", tags, at, load.arrivalRps() * interval.toSeconds(), null);
        }
    }
}
