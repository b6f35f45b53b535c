package io.sockshop.correlator.collector.datadog;

import io.sockshop.correlator.model.EventIds;

import java.time.Duration;

/**
 * One metrics query the collector runs for one namespace, at its own interval.
 *
 * @param namespace the namespace the query is about (its records are keyed by it unless a series says otherwise)
 * @param query     the Datadog query, {@code {namespace}} already substituted
 * @param interval  how often it runs
 */
public record MetricQuery(String namespace, String query, Duration interval) {

    public MetricQuery {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("a metrics query must not be blank");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of metrics query '" + query + "' must be positive");
        }
    }

    /** The metric part, for metric tags and log lines: {@code p95:trace.http.request.duration{...}} gives {@code p95:trace.http.request.duration}. */
    public String label() {
        int brace = query.indexOf('{');
        return (brace < 0 ? query : query.substring(0, brace)).trim();
    }

    /** Stable id of the query for its checkpoint. */
    public String id() {
        return EventIds.sha256Prefix(query);
    }
}
