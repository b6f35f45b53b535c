package io.sockshop.correlator.collector.datadog;

import java.time.Duration;

/**
 * A configured metrics query, {@code {namespace}} not yet replaced, and its interval.
 */
public record MetricTemplate(String query, Duration interval) {

    public MetricTemplate {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("a metrics query must not be blank");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of metrics query '" + query + "' must be positive");
        }
    }
}
