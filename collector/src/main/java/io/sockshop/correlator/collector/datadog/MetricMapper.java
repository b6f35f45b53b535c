package io.sockshop.correlator.collector.datadog;

import com.datadog.api.client.v1.model.MetricsQueryMetadata;
import com.datadog.api.client.v1.model.MetricsQueryUnit;
import io.sockshop.correlator.model.datadog.MetricPoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Series of the metrics query API as the contract's points. */
final class MetricMapper {

    private MetricMapper() {
    }

    /**
     * The points of a series. Timestamps come as longs or doubles (both read as doubles here);
     * points with a null timestamp or value, or a value that is not finite, are left out.
     */
    static List<MetricPoint> points(MetricsQueryMetadata series, String query) {
        if (series.getMetric() == null || series.getPointlist() == null) {
            return List.of();
        }
        String unit = series.getUnit() == null ? null : series.getUnit().stream().filter(Objects::nonNull)
                .map(MetricsQueryUnit::getName).filter(Objects::nonNull).findFirst().orElse(null);
        Integer interval = series.getInterval() == null ? null : Math.toIntExact(series.getInterval());
        List<String> tags = series.getTagSet() == null ? List.of() : series.getTagSet();
        return series.getPointlist().stream()
                .filter(p -> p != null && p.size() >= 2 && p.get(0) != null && p.get(1) != null
                        && Double.isFinite(p.get(1)) && Double.isFinite(p.get(0)))
                .map(p -> new MetricPoint(series.getMetric(), query, series.getScope(), tags,
                        Instant.ofEpochMilli(Math.round(p.get(0))), p.get(1), interval, unit, series.getAggr()))
                .toList();
    }

    /** The tags of a series: its tag_set, else its scope ({@code key:value,key:value}). */
    static List<String> tags(MetricsQueryMetadata series) {
        if (series.getTagSet() != null && !series.getTagSet().isEmpty()) {
            return series.getTagSet();
        }
        String scope = series.getScope();
        return scope == null || scope.isBlank() || scope.equals("*") ? List.of() : List.of(scope.split(","));
    }

    /** A series: metric, aggregation and scope. */
    static String seriesId(MetricsQueryMetadata series) {
        return io.sockshop.correlator.model.EventIds.sha256Prefix(series.getMetric() + "|" + series.getAggr()
                + "{" + series.getScope() + "}");
    }
}
