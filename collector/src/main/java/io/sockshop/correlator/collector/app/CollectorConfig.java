package io.sockshop.correlator.collector.app;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the collector (docs/collector.md lists them with their defaults). */
@ConfigMapping(prefix = "collector")
public interface CollectorConfig {

    /** The cluster name in keys and records. */
    @WithDefault("kind-sockshop")
    String cluster();

    Kubernetes kubernetes();

    Kafka kafka();

    Datadog datadog();

    Intake intake();

    interface Kubernetes {
        @WithDefault("true")
        boolean enabled();

        /** The allowlist of watched namespaces; also the namespaces Datadog is polled for. */
        @WithDefault("sock-shop")
        List<String> namespaces();

        /** An explicit API server; without it, the kubeconfig or the in-cluster service account. */
        Optional<String> apiServerUrl();

        @WithDefault("5m")
        Duration resync();

        /** auto, core or events.k8s.io. */
        @WithDefault("auto")
        String eventsApi();
    }

    interface Kafka {
        @WithDefault("localhost:9092")
        String bootstrapServers();

        @WithDefault("")
        Optional<String> topicPrefix();

        @WithDefault("sockshop.collector.checkpoints.v1")
        String checkpointTopic();

        /** Stable per collector instance; defaults to collector-&lt;cluster&gt;. */
        Optional<String> transactionalId();

        @WithDefault("64M")
        MemorySize bufferBudget();

        @WithDefault("3")
        int partitions();

        @WithDefault("500ms")
        Duration retryBackoff();
    }

    interface Datadog {
        @WithDefault("false")
        boolean enabled();

        /** datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ddog-gov.com. */
        @WithDefault("datadoghq.com")
        String site();

        /** A custom base URL (the sandbox, a proxy); overrides the site. */
        Optional<URI> baseUrl();

        /** A mounted secret directory holding files api-key and application-key. */
        Optional<Path> keysDir();

        @WithDefault("30s")
        Duration timeout();

        @WithDefault("15m")
        Duration initialLookback();

        @WithDefault("5m")
        Duration maxBackoff();

        /** Longest query the collector sends; namespaces beyond it are split over several shared queries. */
        @WithDefault("3000")
        int maxQueryLength();

        Logs logs();

        Metrics metrics();
    }

    interface Logs {
        @WithDefault("true")
        boolean enabled();

        /** {namespace} is replaced by each watched namespace. */
        @WithDefault("kube_namespace:{namespace}")
        String query();

        @WithDefault("*")
        List<String> indexes();

        @WithDefault("15s")
        Duration interval();

        @WithDefault("2m")
        Duration overlap();

        @WithDefault("1000")
        int pageLimit();
    }

    interface Metrics {
        @WithDefault("true")
        boolean enabled();

        /** Replaces the default queries; {namespace} is replaced by each watched namespace. */
        Optional<List<Query>> queries();

        /** Interval of queries that set none, and of the default queries. */
        @WithDefault("30s")
        Duration interval();

        @WithDefault("2m")
        Duration overlap();
    }

    interface Query {
        String query();

        Optional<Duration> interval();
    }

    interface Intake {
        @WithDefault("false")
        boolean enabled();

        /** The token clients send in DD-API-KEY; from the environment (COLLECTOR_INTAKE_TOKEN) or a secret. */
        Optional<String> token();

        @WithDefault("5M")
        MemorySize maxBody();
    }
}
