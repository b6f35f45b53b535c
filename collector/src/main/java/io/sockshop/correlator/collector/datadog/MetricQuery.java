package io.sockshop.correlator.collector.datadog;

import io.sockshop.correlator.model.EventIds;

import java.time.Duration;

/**
 * One metrics query the collector runs for a group of namespaces, at its own interval.
 *
 * @param group    the namespaces it covers (its series are routed to them by their {@code kube_namespace} tag)
 * @param template the configured query, {@code {namespace}} not replaced
 * @param query    the Datadog query as sent
 * @param interval how often it runs
 */
public record MetricQuery(NamespaceGroup group, String template, String query, Duration interval) {

    public MetricQuery {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("a metrics query must not be blank");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of metrics query '" + query + "' must be positive");
        }
    }

    /** The query of one namespace (as the per-namespace collector ran it). */
    public static MetricQuery single(String namespace, String template, Duration interval) {
        NamespaceGroup group = NamespaceGroup.of(namespace);
        return new MetricQuery(group, template, SharedQueries.metricsQuery(template, group), interval);
    }

    /** The metric part, for metric tags and log lines: {@code p95:trace.http.request.duration{...}} gives {@code p95:trace.http.request.duration}. */
    public String label() {
        int brace = query.indexOf('{');
        return (brace < 0 ? query : query.substring(0, brace)).trim();
    }

    /**
     * Stable id for the checkpoint key: for one namespace the hash of the query as sent (the key the
     * per-namespace collector used), for a group the hash of the template (its namespaces are in the key).
     */
    public String id() {
        return EventIds.sha256Prefix(group.single() ? query : template);
    }
}
