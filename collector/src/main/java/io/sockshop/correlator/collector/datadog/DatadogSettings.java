package io.sockshop.correlator.collector.datadog;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Datadog access and polling. The keys come only from the environment or a mounted secret (see
 * docs/collector.md) and are {@link Secret}s: masked wherever they could be printed.
 */
public record DatadogSettings(String cluster, List<String> namespaces, String site, Optional<URI> baseUrl,
                              Secret apiKey, Secret applicationKey, Duration timeout,
                              boolean logsEnabled, String logsQuery, List<String> logsIndexes, Duration logsInterval,
                              Duration logsOverlap, int logsPageLimit, Duration initialLookback,
                              boolean metricsEnabled, List<MetricTemplate> metricQueries, Duration metricsOverlap,
                              Duration maxBackoff, int maxQueryLength) {

    /** No documented Datadog limit was found; this keeps a metrics query's URL far below common 8 KiB request-line limits. */
    public static final int DEFAULT_MAX_QUERY_LENGTH = 3000;

    public DatadogSettings {
        namespaces = List.copyOf(namespaces);
        logsIndexes = List.copyOf(logsIndexes);
        metricQueries = List.copyOf(metricQueries);
        if (logsPageLimit < 1 || logsPageLimit > 5000) {
            throw new IllegalArgumentException("collector.datadog.logs.page-limit must be between 1 and 5000, was " + logsPageLimit);
        }
        if (maxQueryLength < 100) {
            throw new IllegalArgumentException("collector.datadog.max-query-length must be at least 100, was " + maxQueryLength);
        }
    }

    /** As above, with the default query length limit. */
    public DatadogSettings(String cluster, List<String> namespaces, String site, Optional<URI> baseUrl,
                           Secret apiKey, Secret applicationKey, Duration timeout,
                           boolean logsEnabled, String logsQuery, List<String> logsIndexes, Duration logsInterval,
                           Duration logsOverlap, int logsPageLimit, Duration initialLookback,
                           boolean metricsEnabled, List<MetricTemplate> metricQueries, Duration metricsOverlap,
                           Duration maxBackoff) {
        this(cluster, namespaces, site, baseUrl, apiKey, applicationKey, timeout, logsEnabled, logsQuery, logsIndexes,
                logsInterval, logsOverlap, logsPageLimit, initialLookback, metricsEnabled, metricQueries, metricsOverlap,
                maxBackoff, DEFAULT_MAX_QUERY_LENGTH);
    }

    /** The logs query for one namespace: {@code {namespace}} in the configured query is replaced. */
    public String logsQueryFor(String namespace) {
        return SharedQueries.logsQuery(logsQuery, NamespaceGroup.of(namespace));
    }

    /** Masks both keys in a text that is about to be logged or returned. */
    public String mask(String text) {
        String masked = text;
        if (apiKey != null) {
            masked = apiKey.mask(masked);
        }
        if (applicationKey != null) {
            masked = applicationKey.mask(masked);
        }
        return masked;
    }

    /** The metric queries the correlator uses, for one namespace, grouped by deployment and pod ({@link SharedQueries} shares them across namespaces). */
    public static List<String> defaultMetricQueries() {
        String pods = "{kube_namespace:{namespace}} by {kube_deployment,pod_name}";
        String deployments = "{kube_namespace:{namespace}} by {kube_deployment}";
        return List.of(
                "avg:kubernetes.cpu.usage.total" + pods,
                "avg:kubernetes.cpu.limits" + pods,
                "sum:kubernetes.cpu.cfs.throttled.periods" + pods,
                "avg:kubernetes.memory.working_set" + pods,
                "avg:kubernetes.memory.limits" + pods,
                "sum:kubernetes.containers.restarts" + pods,
                "avg:kubernetes_state.deployment.replicas_available" + deployments,
                "avg:kubernetes_state.deployment.replicas_desired" + deployments,
                "avg:trace.http.request.duration" + pods,
                "p95:trace.http.request.duration" + pods,
                "avg:rabbitmq.queue.messages{kube_namespace:{namespace}} by {kube_deployment,rabbitmq_queue}");
    }
}
