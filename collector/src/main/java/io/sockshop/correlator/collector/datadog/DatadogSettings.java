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
                              boolean metricsEnabled, List<MetricQuery> metricQueries, Duration metricsOverlap,
                              Duration maxBackoff) {

    public DatadogSettings {
        namespaces = List.copyOf(namespaces);
        logsIndexes = List.copyOf(logsIndexes);
        metricQueries = List.copyOf(metricQueries);
        if (logsPageLimit < 1 || logsPageLimit > 5000) {
            throw new IllegalArgumentException("collector.datadog.logs.page-limit must be between 1 and 5000, was " + logsPageLimit);
        }
    }

    /** The logs query for one namespace: {@code {namespace}} in the configured query is replaced. */
    public String logsQueryFor(String namespace) {
        return logsQuery.replace("{namespace}", namespace);
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

    /** The metric queries the correlator uses, for one namespace, grouped by deployment and pod. */
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
