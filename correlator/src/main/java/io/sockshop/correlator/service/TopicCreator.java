package io.sockshop.correlator.service;

import io.quarkus.runtime.StartupEvent;
import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.CorrelatorTopology;
import io.sockshop.correlator.model.kafka.TopicBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the contract's topics that are missing (brokers run with auto-creation off), before Kafka
 * Streams, which waits for its source topics ({@code quarkus.kafka-streams.topics}), starts.
 */
@ApplicationScoped
public class TopicCreator {

    private static final Logger LOG = Logger.getLogger(TopicCreator.class);

    void onStart(@Observes StartupEvent event, CorrelatorSettings settings, CorrelatorConfig config,
                 @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrap) {
        if (!settings.createTopics()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicBootstrap.ensure(admin, CorrelatorTopology.topics(config), settings.partitions(), Optional.empty(),
                    Duration.ofSeconds(60));
        }
        LOG.infof("topics ready on %s (prefix '%s')", bootstrap, config.topicPrefix());
    }
}
