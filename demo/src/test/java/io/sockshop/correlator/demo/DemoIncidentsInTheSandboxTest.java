package io.sockshop.correlator.demo;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sockshop.correlator.sandbox.MutableClock;
import io.sockshop.correlator.sandbox.Sandbox;
import io.sockshop.correlator.sandbox.datadog.LogQuery;
import io.sockshop.correlator.sandbox.datadog.MetricQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's shortened incidents, played in the sandbox with the demo's settings in simulated time
 * (as the injector applies them: a Locust Job, limits, scale): each still leaves the evidence its
 * signature needs with the real thresholds, within the run the demo gives it.
 */
class DemoIncidentsInTheSandboxTest {

    static final String NS = "sock-shop";

    MutableClock clock;
    Sandbox sandbox;
    KubernetesClient client;
    Instant start;

    @BeforeEach
    void shopRunsNormallyFirst() {
        clock = new MutableClock(Instant.parse("2025-11-05T20:00:00Z"));
        sandbox = Sandbox.start(DemoTimings.sandbox(), clock);
        client = sandbox.cluster().client();
        run(Duration.ofSeconds(60));
        start = clock.instant();
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    void run(Duration d) {
        Instant end = clock.instant().plus(d);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(1));
            sandbox.tick();
        }
    }

    static Duration duration(DemoScenario s, String parameter) {
        return Duration.ofSeconds(Long.parseLong(s.parameters().get(parameter).replace("s", "")));
    }

    /** The injector's start-load: a Locust Job, headless, users and spawn rate as arguments. */
    void startLoad(DemoScenario s, Duration runTime) {
        client.batch().v1().jobs().inNamespace(NS).resource(new JobBuilder()
                .withNewMetadata().withName("locust-" + s.id()).withNamespace(NS).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("locust").withImage("locustio/locust:2.31.8")
                .withArgs("-f", "/mnt/locust/locustfile.py", "--headless", "--users", s.parameters().get("users"),
                        "--spawn-rate", s.parameters().get("spawnRate"), "--run-time", runTime.toSeconds() + "s",
                        "--host", "http://front-end")
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
    }

    void stopLoad(DemoScenario s) {
        client.batch().v1().jobs().inNamespace(NS).withName("locust-" + s.id()).delete();
    }

    List<ContainerStatus> statuses(String service) {
        return client.pods().inNamespace(NS).withLabel("name", service).list().getItems().stream()
                .map(Pod::getStatus).flatMap(st -> st.getContainerStatuses().stream()).toList();
    }

    int restarts(String service) {
        return statuses(service).stream().mapToInt(ContainerStatus::getRestartCount).sum();
    }

    long events(String reason, String messagePart) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(messagePart))
                .mapToLong(e -> e.getCount() == null ? 1 : e.getCount()).sum();
    }

    long logs(String query) {
        return sandbox.logs().search(clock.instant().plusSeconds(60), start, clock.instant().plusSeconds(1),
                LogQuery.parse(query), true, 100_000, null).events().size();
    }

    double max(String metric, String deployment, Instant from) {
        var series = sandbox.metrics().query(MetricQuery.parse("max:" + metric + "{kube_deployment:" + deployment + "}"),
                from, clock.instant());
        return series.isEmpty() ? Double.NaN
                : series.get(0).points().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    @Test
    void incident2KillsTheFrontEndThreeTimesByItsLivenessProbeWithinItsRun() {
        DemoScenario s = DemoScenario.byId("incident-2");
        Duration d = duration(s, "duration");
        startLoad(s, d);
        run(d);
        assertThat(restarts("front-end")).as("entrypoint-min-restarts (3) liveness kills in %s", d).isGreaterThanOrEqualTo(3);
        assertThat(events("Killing", "failed liveness probe")).isGreaterThanOrEqualTo(3);
        assertThat(statuses("front-end")).allSatisfy(c -> assertThat(c.getLastState().getTerminated().getExitCode())
                .as("SIGTERM, not the OOM killer").isEqualTo(143));
        for (String backend : List.of("orders", "carts", "catalogue", "user", "payment", "shipping")) {
            assertThat(restarts(backend)).as(backend).isZero();
        }
    }

    @Test
    void incident1OomKillsTheFrontEndRepeatedlyWithinItsRun() {
        DemoScenario s = DemoScenario.byId("incident-1");
        Duration d = duration(s, "duration");
        startLoad(s, d);
        run(d);
        assertThat(restarts("front-end")).isGreaterThanOrEqualTo(2);
        assertThat(statuses("front-end")).anySatisfy(c -> assertThat(c.getLastState().getTerminated().getReason())
                .isEqualTo("OOMKilled"));
    }

    @Test
    void incident4IsSlowAndCpuBoundButNothingRestarts() {
        DemoScenario s = DemoScenario.byId("incident-4");
        Duration d = duration(s, "duration");
        startLoad(s, d);
        run(d);
        Instant loaded = start.plusSeconds(10);
        assertThat(max("kubernetes.cpu.usage.total", "front-end", loaded) / 1e6 / 300).isGreaterThan(0.8);
        assertThat(max("trace.http.request.duration", "front-end", loaded))
                .as("seconds: many times the baseline and over 1 s").isGreaterThan(1.5);
        for (String service : List.of("front-end", "orders", "carts", "catalogue", "user")) {
            assertThat(restarts(service)).as(service).isZero();
        }
    }

    @Test
    void incident8OpensCataloguesCircuitBreakerWithinItsRun() {
        DemoScenario s = DemoScenario.byId("incident-8");
        Duration warmup = duration(s, "warmup");
        Duration d = duration(s, "duration");
        startLoad(s, warmup.plus(d));
        run(warmup);
        client.apps().deployments().inNamespace(NS).withName("catalogue-db").edit(dep -> {
            dep.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                    .addToLimits(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi"))).build());
            return dep;
        });
        run(d);
        assertThat(logs("kube_deployment:catalogue \"database connection error\"")).isPositive();
        assertThat(logs("kube_deployment:catalogue \"circuit breaker 'List' is open\"")).isPositive();
        assertThat(restarts("catalogue-db")).isZero();
        stopLoad(s);
    }
}
