package io.sockshop.correlator.collector.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sockshop.correlator.collector.Collector;
import io.sockshop.correlator.collector.datadog.DatadogSettings;
import io.sockshop.correlator.collector.datadog.MetricTemplate;
import io.sockshop.correlator.collector.datadog.Sleeper;
import io.sockshop.correlator.collector.intake.LogIntake;
import io.sockshop.correlator.collector.k8s.KubernetesSettings;
import io.sockshop.correlator.collector.kafka.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the collector from the configuration at start-up; bad configuration stops start-up with the setting's name. */
@ApplicationScoped
public class CollectorService {

    private static final Logger LOG = Logger.getLogger(CollectorService.class);

    @Inject
    CollectorConfig config;

    @Inject
    MeterRegistry registry;

    private Collector collector;
    private KubernetesClient client;
    private LogIntake intake;

    void onStart(@Observes StartupEvent event) {
        KafkaSettings kafka = kafkaSettings();
        KubernetesSettings kubernetes = null;
        if (config.kubernetes().enabled()) {
            kubernetes = new KubernetesSettings(config.cluster(), config.kubernetes().namespaces(),
                    config.kubernetes().resync(), eventsApi(config.kubernetes().eventsApi()));
            client = kubernetesClient();
        }
        DatadogSettings datadog = config.datadog().enabled() ? datadogSettings() : null;
        if (config.intake().enabled() && datadog != null && datadog.logsEnabled()) {
            LOG.warn("the log intake and Datadog logs polling are both on: the same log arriving both ways is "
                    + "published twice (the intake payload has no Datadog id); keep one path per namespace "
                    + "(collector.datadog.logs.enabled=false when the Agent dual-ships to the collector)");
        }
        collector = new Collector(kafka, kubernetes, client, datadog, Clock.systemUTC(), Sleeper.REAL, registry);
        if (config.intake().enabled()) {
            intake = new LogIntake(config.cluster(), config.kubernetes().namespaces(), config.intake().token().orElse(null),
                    (int) Math.min(Integer.MAX_VALUE - 1, config.intake().maxBody().asLongValue()), collector.publisher(),
                    kafka.logsTopic(), Clock.systemUTC(), registry);
        }
        collector.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (collector != null) {
            collector.close();
        }
        if (client != null) {
            client.close();
        }
    }

    public Collector collector() {
        return collector;
    }

    /** Null when the intake is disabled. */
    public LogIntake intake() {
        return intake;
    }

    private KafkaSettings kafkaSettings() {
        var k = config.kafka();
        if (k.partitions() < 1) {
            throw new IllegalArgumentException("collector.kafka.partitions must be at least 1, was " + k.partitions());
        }
        return new KafkaSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers()),
                k.topicPrefix().orElse(""), k.checkpointTopic(),
                k.transactionalId().orElse("collector-" + config.cluster()), k.bufferBudget().asLongValue(),
                k.partitions(), k.retryBackoff());
    }

    private static KubernetesSettings.EventsApi eventsApi(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> KubernetesSettings.EventsApi.AUTO;
            case "core", "v1", "core/v1" -> KubernetesSettings.EventsApi.CORE;
            case "events.k8s.io", "events.k8s.io/v1" -> KubernetesSettings.EventsApi.EVENTS_K8S_IO;
            default -> throw new IllegalArgumentException("collector.kubernetes.events-api must be auto, core or "
                    + "events.k8s.io, was '" + value + "'");
        };
    }

    private KubernetesClient kubernetesClient() {
        Config base = Config.autoConfigure(null);
        Config effective = config.kubernetes().apiServerUrl()
                .map(url -> new ConfigBuilder(base).withMasterUrl(url).build())
                .orElse(base);
        return new KubernetesClientBuilder().withConfig(effective).build();
    }

    private DatadogSettings datadogSettings() {
        var d = config.datadog();
        DatadogKeys.Keys keys = DatadogKeys.resolve(System.getenv(), d.keysDir());
        List<MetricTemplate> queries = new ArrayList<>();
        if (d.metrics().queries().isPresent()) {
            for (CollectorConfig.Query q : d.metrics().queries().get()) {
                queries.add(new MetricTemplate(q.query(), q.interval().orElse(d.metrics().interval())));
            }
        } else {
            for (String q : DatadogSettings.defaultMetricQueries()) {
                queries.add(new MetricTemplate(q, d.metrics().interval()));
            }
        }
        d.baseUrl().ifPresent(url -> {
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException("collector.datadog.base-url must be an absolute URL such as "
                        + "http://localhost:8089, was '" + url + "'");
            }
        });
        return new DatadogSettings(config.cluster(), config.kubernetes().namespaces(), d.site(), d.baseUrl(),
                keys.apiKey(), keys.applicationKey(), d.timeout(), d.logs().enabled(), d.logs().query(),
                d.logs().indexes(), d.logs().interval(), d.logs().overlap(), d.logs().pageLimit(), d.initialLookback(),
                d.metrics().enabled(), queries, d.metrics().overlap(), d.maxBackoff(), d.maxQueryLength());
    }
}
