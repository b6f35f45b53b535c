package io.sockshop.correlator.sandbox;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sockshop.correlator.sandbox.datadog.LogQuery;
import io.sockshop.correlator.sandbox.datadog.LogStore;
import io.sockshop.correlator.sandbox.datadog.MetricQuery;
import io.sockshop.correlator.sandbox.datadog.MetricStore;
import io.sockshop.correlator.sandbox.logs.LogEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Drives a sandbox in simulated time and makes the changes the injector makes, through the
 * Kubernetes API, so tests read like the guide's incidents.
 */
final class SandboxDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2025-11-05T20:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final Sandbox sandbox;
    final KubernetesClient client;

    SandboxDriver(SandboxSettings settings) {
        this.sandbox = Sandbox.start(settings, clock);
        this.client = sandbox.cluster().client();
    }

    SandboxDriver() {
        this(SandboxSettings.defaults().withProbeDelayScale(0.02));
    }

    Instant now() {
        return clock.instant();
    }

    void run(Duration duration) {
        Instant end = clock.instant().plus(duration);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(1));
            sandbox.tick();
        }
    }

    void scale(String deployment, int replicas) {
        client.apps().deployments().inNamespace("sock-shop").withName(deployment).scale(replicas);
    }

    void setLimits(String deployment, String cpu, String memory) {
        client.apps().deployments().inNamespace("sock-shop").withName(deployment).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                    .addToLimits("cpu", new Quantity(cpu)).addToLimits("memory", new Quantity(memory)).build());
            return d;
        });
    }

    /** A Locust Job as the injector starts it: the official image, headless, settings in the environment. */
    Job startLocust(String name, int users, int spawnRate, String runTime) {
        Job job = new JobBuilder()
                .withNewMetadata().withName(name).withNamespace("sock-shop").addToLabels("app", "locust").endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate()
                .withNewMetadata().addToLabels("app", "locust").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("locust").withImage("locustio/locust:2.31.8")
                .withArgs("-f", "/mnt/locust/locustfile.py", "--headless", "--host", "http://front-end.sock-shop")
                .addNewEnv().withName("LOCUST_USERS").withValue(Integer.toString(users)).endEnv()
                .addNewEnv().withName("LOCUST_SPAWN_RATE").withValue(Integer.toString(spawnRate)).endEnv()
                .addNewEnv().withName("LOCUST_RUN_TIME").withValue(runTime).endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
        return client.batch().v1().jobs().inNamespace("sock-shop").resource(job).create();
    }

    void stopLocust(String name) {
        client.batch().v1().jobs().inNamespace("sock-shop").withName(name).delete();
    }

    List<LogEvent> logs(String query, Instant from) {
        LogStore.Page page = sandbox.logs().search(clock.instant().plusSeconds(60), from, clock.instant().plusSeconds(1),
                LogQuery.parse(query), true, 100_000, null);
        return page.events();
    }

    long count(String query, Instant from) {
        return logs(query, from).size();
    }

    /** Points of one metric for a deployment, summed over its pods, since {@code from}. */
    NavigableMap<Long, Double> metric(String metric, String deployment, Instant from) {
        return metric(metric, deployment, from, clock.instant());
    }

    NavigableMap<Long, Double> metric(String metric, String deployment, Instant from, Instant to) {
        var series = sandbox.metrics().query(MetricQuery.parse("sum:" + metric + "{kube_deployment:" + deployment + "}"),
                from, to);
        return series.isEmpty() ? new TreeMap<>() : series.get(0).points();
    }

    double max(String metric, String deployment, Instant from) {
        return max(metric, deployment, from, clock.instant());
    }

    double max(String metric, String deployment, Instant from, Instant to) {
        return metric(metric, deployment, from, to).values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    int restarts(String deployment) {
        return client.pods().inNamespace("sock-shop").withLabel("name", deployment).list().getItems().stream()
                .mapToInt(p -> p.getStatus().getContainerStatuses().get(0).getRestartCount()).sum();
    }

    MetricStore metrics() {
        return sandbox.metrics();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
