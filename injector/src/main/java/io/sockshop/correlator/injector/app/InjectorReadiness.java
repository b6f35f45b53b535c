package io.sockshop.correlator.injector.app;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.TimeUnit;

/** Ready when Kafka answers: without it a run cannot publish its ground truth and is refused. */
@Readiness
@Singleton
public class InjectorReadiness implements HealthCheck {

    @Inject
    InjectorRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("injector");
        try (Admin admin = runtime.admin()) {
            String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                    .clusterId().get(4, TimeUnit.SECONDS);
            response.up().withData("kafkaCluster", clusterId);
        } catch (Exception e) {
            response.down().withData("kafka", "unreachable: " + e.getMessage());
        }
        try {
            response.withData("activeTargets", runtime.injector().activeTargets().size());
            response.withData("restoredAtStartup", runtime.recovered().size());
        } catch (IllegalStateException e) {
            response.down().withData("injector", e.getMessage());
        }
        return response.build();
    }
}
