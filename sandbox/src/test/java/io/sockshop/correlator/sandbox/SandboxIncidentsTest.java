package io.sockshop.correlator.sandbox;

import io.sockshop.correlator.sandbox.logs.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour model reacts to each of the guide's incidents the way the guide and the real formats
 * say Sock Shop reacts, and leaves the evidence the guide lists; a quiet shop is not silent.
 */
class SandboxIncidentsTest {

    private SandboxDriver shop;
    private Instant t0;

    @BeforeEach
    void warmUp() {
        shop = new SandboxDriver();
        shop.run(Duration.ofSeconds(60));
        t0 = shop.now();
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void baselineHasTrafficAndNoiseButNoFailure() {
        shop.run(Duration.ofSeconds(120));
        assertThat(shop.count("service:catalogue method=Health", t0)).as("health checks every ~20 s").isBetween(4L, 8L);
        assertThat(shop.logs("service:payment method=Health", t0)).allMatch(l -> l.status().equals("error"));
        assertThat(shop.count("kube_deployment:front-end GET", t0)).isGreaterThan(100);
        assertThat(shop.count("\"status updated to PAID\"", t0)).isGreaterThan(3);
        assertThat(shop.count("\"Connection refused\"", t0)).isZero();
        assertThat(shop.count("\"circuit breaker\"", t0)).isZero();
        for (String service : List.of("front-end", "orders", "carts", "catalogue", "catalogue-db")) {
            assertThat(shop.restarts(service)).isZero();
        }
        assertThat(shop.max("kubernetes.cpu.usage.total", "front-end", t0)).isBetween(3e6, 15e6);
        assertThat(shop.max("kubernetes.memory.working_set", "front-end", t0) / (1 << 20)).isBetween(50.0, 200.0);
    }

    @Test
    void incident3PaymentScaledToZeroFailsOrdersWithConnectionRefused() {
        shop.startLocust("locust-incident-3", 10, 5, "2m");
        shop.scale("payment", 0);
        shop.run(Duration.ofSeconds(90));
        List<LogEvent> failed = shop.logs("kube_deployment:orders \"status updated to PAYMENT_FAILED due to: I/O error\"", t0);
        assertThat(failed).hasSizeGreaterThanOrEqualTo(3);
        assertThat(failed.get(0).message()).contains("http://payment/paymentAuth").contains("Connection refused");
        assertThat(shop.count("kube_deployment:orders \"java.net.ConnectException: Connection refused (Connection refused)\"", t0))
                .isEqualTo(failed.size());
        assertThat(shop.count("kube_deployment:front-end \"Unable to create order due to unspecified IO error\"", t0)).isPositive();
        assertThat(shop.count("service:payment method=Health", t0.plusSeconds(5))).as("payment is silent when gone").isZero();
        assertThat(shop.metric("kubernetes_state.deployment.replicas_available", "payment", t0.plusSeconds(10)).values())
                .allMatch(v -> v == 0);
        assertThat(shop.restarts("orders")).isZero();
    }

    @Test
    void incident5QueueMasterGoneLeavesShippingPublishingIntoAGrowingQueue() {
        shop.scale("queue-master", 0);
        shop.run(Duration.ofSeconds(120));
        long published = shop.count("kube_deployment:shipping \"Adding shipment to queue\"", t0.plusSeconds(5));
        assertThat(published).isGreaterThanOrEqualTo(5);
        assertThat(shop.count("kube_deployment:queue-master \"Received shipment task\"", t0.plusSeconds(5))).isZero();
        var depth = shop.metric("rabbitmq.queue.messages", "rabbitmq", t0);
        assertThat(depth.lastEntry().getValue()).isGreaterThanOrEqualTo(published - 1);
        assertThat(shop.count("status:error -service:catalogue -service:payment -service:user -service:rabbitmq-exporter", t0))
                .as("silent: no user-facing errors").isZero();

        shop.scale("queue-master", 1);
        shop.run(Duration.ofSeconds(60));
        assertThat(shop.count("kube_deployment:queue-master \"Received shipment task\"", t0)).isGreaterThanOrEqualTo(published);
    }

    @Test
    void incident8ThrottledCatalogueDbOpensCataloguesCircuitBreaker() {
        shop.setLimits("catalogue-db", "50m", "128Mi");
        shop.run(Duration.ofSeconds(120));
        assertThat(shop.max("kubernetes.cpu.usage.total", "catalogue-db", t0.plusSeconds(10)) / 1e6).isBetween(45.0, 55.0);
        assertThat(shop.max("kubernetes.cpu.cfs.throttled.periods", "catalogue-db", t0.plusSeconds(10))).isPositive();
        assertThat(shop.max("kubernetes.cpu.limits", "catalogue-db", t0.plusSeconds(10))).isEqualTo(0.05);
        List<LogEvent> dbErrors = shop.logs("kube_deployment:catalogue \"database connection error\"", t0);
        List<LogEvent> open = shop.logs("kube_deployment:catalogue \"circuit breaker 'List' is open\"", t0);
        assertThat(dbErrors).isNotEmpty();
        assertThat(open).isNotEmpty();
        assertThat(open.get(0).timestamp()).isAfter(dbErrors.get(0).timestamp());
        assertThat(open.get(0).message()).startsWith("ts=").contains("caller=server.go:94");
        assertThat(shop.restarts("catalogue-db")).as("throttled, not crashed").isZero();
        assertThat(shop.count("kube_deployment:front-end \"GET /catalogue\" 500", t0)).isPositive();

        shop.setLimits("catalogue-db", "500m", "512Mi");
        shop.run(Duration.ofSeconds(90));
        Instant recovered = shop.now().minusSeconds(20);
        assertThat(shop.count("kube_deployment:catalogue \"circuit breaker\"", recovered)).isZero();
        assertThat(shop.count("kube_deployment:catalogue method=List err=null", recovered)).isPositive();
    }

    @Test
    void incident4At500UsersIsSlowButNothingRestarts() {
        shop.startLocust("locust-incident-4", 500, 50, "3m");
        shop.run(Duration.ofSeconds(150));
        Instant loaded = t0.plusSeconds(30);
        double cpu = shop.max("kubernetes.cpu.usage.total", "front-end", loaded) / 1e6;
        assertThat(cpu / 300).as("front-end at 80-95%% of its CPU limit").isBetween(0.75, 1.0);
        assertThat(shop.max("trace.http.request.duration", "front-end", loaded)).as("seconds").isGreaterThan(1.5);
        assertThat(shop.max("kubernetes.memory.working_set", "front-end", loaded) / (1000 * 1024 * 1024.0)).isBetween(0.5, 0.95);
        for (String service : List.of("front-end", "orders", "carts", "catalogue", "user")) {
            assertThat(shop.restarts(service)).as(service).isZero();
        }
    }

    @Test
    void incident2At750UsersCrashesOnlyTheFrontEnd() {
        shop.startLocust("locust-incident-2", 750, 75, "5m");
        shop.run(Duration.ofSeconds(180));
        assertThat(shop.restarts("front-end")).isGreaterThanOrEqualTo(3);
        var status = shop.client.pods().inNamespace("sock-shop").withLabel("name", "front-end").list().getItems().get(0)
                .getStatus().getContainerStatuses().get(0);
        assertThat(status.getLastState().getTerminated().getReason())
                .as("killed for failing its liveness probe (SIGTERM), not by the OOM killer").isEqualTo("Error");
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(143);
        assertThat(shop.client.v1().events().inNamespace("sock-shop").list().getItems()).anySatisfy(e ->
                assertThat(e.getMessage()).isEqualTo("Container front-end failed liveness probe, will be restarted"))
                .noneSatisfy(e -> assertThat(e.getMessage()).contains("OOM"));
        for (String service : List.of("orders", "carts", "catalogue", "user", "payment", "shipping")) {
            assertThat(shop.restarts(service)).as(service).isZero();
        }
        double cartsCpu = shop.max("kubernetes.cpu.usage.total", "carts", t0.plusSeconds(30)) / 1e6 / 300;
        assertThat(cartsCpu).as("backends at 40-60%%").isBetween(0.3, 0.7);
        assertThat(shop.max("trace.http.request.duration", "carts", t0.plusSeconds(30), shop.now()))
                .as("backends slow down").isGreaterThan(1.5 * shop.max("trace.http.request.duration", "carts", t0.minusSeconds(50), t0));
    }

    @Test
    void incident1At3000UsersCrashesTheFrontEndAndTheBackends() {
        shop.startLocust("locust-incident-1", 3000, 300, "5m");
        shop.run(Duration.ofSeconds(180));
        assertThat(shop.restarts("front-end")).isGreaterThanOrEqualTo(3);
        assertThat(shop.client.pods().inNamespace("sock-shop").list().getItems().stream()
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .filter(c -> c.getLastState() != null && c.getLastState().getTerminated() != null)
                .map(c -> c.getLastState().getTerminated().getReason())).contains("OOMKilled");
        long crashedBackends = List.of("orders", "carts", "catalogue", "user").stream()
                .filter(s -> shop.restarts(s) > 0).count();
        assertThat(crashedBackends).isGreaterThanOrEqualTo(2);
    }
}
