package io.sockshop.correlator.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sockshop.correlator.api.config.ApiConfig;
import io.sockshop.correlator.api.kafka.Sinks;
import io.sockshop.correlator.api.kafka.StateMaterializer;
import io.sockshop.correlator.api.kafka.TopicNames;
import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.api.state.ScoreStore;
import io.sockshop.correlator.api.state.ServiceHealthStore;
import io.sockshop.correlator.api.stream.FindingsRing;
import io.sockshop.correlator.api.trace.OrderLogIndex;
import io.sockshop.correlator.api.trace.OrderLogParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts reading the topics into memory when the application starts, and stops on shutdown.
 * Kafka client settings come from {@code kafka.*} (e.g. {@code kafka.bootstrap.servers}, env
 * {@code KAFKA_BOOTSTRAP_SERVERS}; {@code kafka.security.protocol}, ...).
 */
@ApplicationScoped
public class StateLifecycle {

    @Inject
    ApiConfig config;
    @Inject
    Config rawConfig;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;
    @Inject
    TopicNames topics;
    @Inject
    IncidentStore incidents;
    @Inject
    ScoreStore scores;
    @Inject
    ServiceHealthStore health;
    @Inject
    FindingsRing findings;
    @Inject
    OrderLogParser parser;
    @Inject
    OrderLogIndex orders;
    @Inject
    MeterRegistry registry;

    private StateMaterializer materializer;

    void start(@Observes StartupEvent event) {
        Map<String, Object> client = new HashMap<>();
        for (String name : rawConfig.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                rawConfig.getOptionalValue(name, String.class).ifPresent(v -> client.put(name.substring(6), v));
            }
        }
        client.put("bootstrap.servers", bootstrapServers);
        client.putIfAbsent("client.id", "sockshop-correlator-api");
        materializer = new StateMaterializer(client,
                Sinks.of(topics, incidents, scores, health, findings, parser, orders),
                topics.logs(), config.orderTrace().lookback(), Clock.systemUTC());
        registerMetrics();
        materializer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (materializer != null) {
            materializer.close();
        }
    }

    public StateMaterializer materializer() {
        return materializer;
    }

    private void registerMetrics() {
        for (String topic : topics.all()) {
            FunctionCounter.builder("correlator.api.records.read", materializer, m -> m.stats().readCount(topic))
                    .tag("topic", topic).description("records read from Kafka into memory").register(registry);
            FunctionCounter.builder("correlator.api.records.refused", materializer, m -> m.stats().refusedCount(topic))
                    .tag("topic", topic).description("records that were not valid events of the topic's type")
                    .register(registry);
        }
        Gauge.builder("correlator.api.incidents", incidents, IncidentStore::size).register(registry);
        Gauge.builder("correlator.api.scores", scores, ScoreStore::size).register(registry);
        Gauge.builder("correlator.api.services", health, ServiceHealthStore::size).register(registry);
        Gauge.builder("correlator.api.order.index.orders", orders, OrderLogIndex::orders).register(registry);
        Gauge.builder("correlator.api.order.index.lines", orders, OrderLogIndex::lineCount).register(registry);
        Gauge.builder("correlator.api.state.caught.up", materializer, m -> m.caughtUp() ? 1 : 0)
                .description("1 once every partition was read to its end as of start-up").register(registry);
    }
}
