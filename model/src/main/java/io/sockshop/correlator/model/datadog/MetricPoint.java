package io.sockshop.correlator.model.datadog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One point of a Datadog metric series ({@code io.sockshop.correlator.datadog.metric.v1}), from the
 * metrics query API. Points whose value Datadog returned as {@code null} are not published.
 *
 * @param metric          e.g. {@code kubernetes.cpu.usage.total}
 * @param query           the query that produced the series
 * @param scope           the series scope, e.g. {@code kube_deployment:catalogue-db,kube_namespace:sock-shop}
 * @param tags            the series {@code tag_set}
 * @param timestamp       the point's time (event time)
 * @param value           the value in {@code unit}
 * @param intervalSeconds the series interval (rollup) in seconds
 * @param unit            Datadog's unit name as reported ({@code nanocore}, {@code byte}, {@code second}, ...)
 * @param aggregation     the series {@code aggr} ({@code avg}, {@code sum}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MetricPoint(String metric, String query, String scope, List<String> tags, Instant timestamp,
                          Double value, Integer intervalSeconds, String unit, String aggregation) {

    public MetricPoint {
        Require.nonBlank(metric, "metric");
        Require.nonNull(timestamp, "timestamp");
        Require.nonNull(value, "value");
        Require.finite(value, "value");
        Require.nonNegative(intervalSeconds, "intervalSeconds");
        tags = Require.list(tags, "tags");
    }

    public Optional<String> tag(String key) {
        return Tags.value(tags, key);
    }
}
