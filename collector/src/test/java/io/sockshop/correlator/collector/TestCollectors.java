package io.sockshop.correlator.collector;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.collector.datadog.DatadogSettings;
import io.sockshop.correlator.collector.datadog.Sleeper;
import io.sockshop.correlator.collector.k8s.KubernetesSettings;
import io.sockshop.correlator.collector.kafka.KafkaSettings;
import io.sockshop.correlator.testkit.KafkaBroker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Collectors for tests: each test its own topic prefix and transactional id. */
public final class TestCollectors {

    public static final String CLUSTER = "kind-sockshop";
    public static final String NAMESPACE = "sock-shop";

    private TestCollectors() {
    }

    public static KafkaSettings kafka(KafkaBroker broker, String prefix) {
        return new KafkaSettings(broker.clientConfig(), prefix, KafkaSettings.DEFAULT_CHECKPOINT_TOPIC,
                "collector-" + prefix, 16 * 1024 * 1024, 3, Duration.ofMillis(200));
    }

    public static Collector kubernetesOnly(KafkaSettings kafka, KubernetesClient client, Duration resync,
                                           KubernetesSettings.EventsApi eventsApi, MeterRegistry registry) {
        KubernetesSettings settings = new KubernetesSettings(CLUSTER, List.of(NAMESPACE), resync, eventsApi);
        return new Collector(kafka, settings, client, null, Clock.systemUTC(), Sleeper.REAL, registry).start();
    }

    public static Collector datadogOnly(KafkaSettings kafka, DatadogSettings datadog, Clock clock, Sleeper sleeper,
                                        MeterRegistry registry) {
        return new Collector(kafka, null, null, datadog, clock, sleeper, registry).start();
    }
}
