package io.sockshop.correlator.service;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.EngineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness with what an operator wants at a glance: the application topology in use, records
 * processed, dead letters, incidents open. Kafka Streams' own state and topic checks (readiness)
 * come with quarkus-kafka-streams.
 */
@Liveness
@ApplicationScoped
public class CorrelatorHealthCheck implements HealthCheck {

    @Inject
    EngineMetrics metrics;

    @Inject
    CorrelatorConfig config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("correlator").up()
                .withData("application", config.topology().name())
                .withData("services", config.topology().services().size())
                .withData("records", metrics.processedByType().values().stream().mapToLong(Long::longValue).sum())
                .withData("deadLetters", metrics.deadLetterCount())
                .withData("incidentsOpen", metrics.openIncidentCount())
                .build();
    }
}
