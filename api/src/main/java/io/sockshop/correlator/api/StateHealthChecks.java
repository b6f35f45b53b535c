package io.sockshop.correlator.api;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Ready once the state is rebuilt from Kafka; live while the reader runs. */
@ApplicationScoped
public class StateHealthChecks {

    @Inject
    StateLifecycle state;

    @Produces
    @Readiness
    HealthCheck stateRebuilt() {
        return () -> {
            var m = state.materializer();
            boolean up = m != null && m.caughtUp() && m.alive();
            return HealthCheckResponse.named("state-rebuilt-from-kafka").status(up)
                    .withData("state", m == null ? "not started" : m.state()).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck readerAlive() {
        return () -> {
            var m = state.materializer();
            return HealthCheckResponse.named("kafka-reader").status(m == null || m.alive())
                    .withData("state", m == null ? "not started" : m.state()).build();
        };
    }
}
