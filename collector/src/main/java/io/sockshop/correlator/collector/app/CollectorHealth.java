package io.sockshop.correlator.collector.app;

import io.sockshop.correlator.collector.Collector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** /q/health: ready when every informer watches and Kafka takes records; live unless only a restart would help. */
public final class CollectorHealth {

    private CollectorHealth() {
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Inject
        CollectorService service;

        @Override
        public HealthCheckResponse call() {
            Collector collector = service.collector();
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("collector");
            if (collector == null) {
                return builder.down().withData("started", false).build();
            }
            collector.readinessDetails().forEach((k, v) -> {
                if (v instanceof Boolean b) {
                    builder.withData(k, b);
                } else if (v instanceof Number n) {
                    builder.withData(k, n.longValue());
                } else {
                    builder.withData(k, String.valueOf(v));
                }
            });
            return builder.status(collector.ready()).build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        @Inject
        CollectorService service;

        @Override
        public HealthCheckResponse call() {
            Collector collector = service.collector();
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("collector");
            if (collector == null) {
                return builder.up().build();
            }
            if (collector.fatal() != null) {
                builder.withData("fatal", collector.fatal());
            }
            return builder.status(collector.live()).build();
        }
    }
}
