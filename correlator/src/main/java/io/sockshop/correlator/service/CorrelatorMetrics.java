package io.sockshop.correlator.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.EngineMetrics;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Exposes the engine's counters on /q/metrics: records processed per type, dead letters per source
 * topic, records naming no known service, findings per status, incidents open now.
 */
@ApplicationScoped
public class CorrelatorMetrics {

    void bind(@Observes StartupEvent event, MeterRegistry registry, EngineMetrics m, CorrelatorConfig config) {
        for (String type : List.of("k8s", "log", "metric", "injection")) {
            FunctionCounter.builder("correlator.records.processed", m, x -> x.processedByType().getOrDefault(type, 0L))
                    .tag("type", type).description("raw records decoded and applied").register(registry);
        }
        for (var topic : List.of(Topics.K8S, Topics.DATADOG_LOGS, Topics.DATADOG_METRICS, Topics.INJECTIONS)) {
            String name = topic.withPrefix(config.topicPrefix()).name();
            FunctionCounter.builder("correlator.dead.letters", m, x -> x.deadLettersByTopic().getOrDefault(name, 0L))
                    .tag("topic", name).description("records refused to the dead-letter topic").register(registry);
        }
        FunctionCounter.builder("correlator.records.unmatched", m, EngineMetrics::unmatchedCount)
                .description("valid records that name no service of the application topology").register(registry);
        for (IncidentStatus status : IncidentStatus.values()) {
            FunctionCounter.builder("correlator.findings", m, x -> x.findingsByStatus().getOrDefault(status.name(), 0L))
                    .tag("status", status.name()).description("findings emitted").register(registry);
        }
        Gauge.builder("correlator.incidents.open", m, EngineMetrics::openIncidentCount)
                .description("incidents open now").register(registry);
    }
}
