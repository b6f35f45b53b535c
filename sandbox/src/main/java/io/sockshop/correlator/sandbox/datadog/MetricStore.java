package io.sockshop.correlator.sandbox.datadog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The metric points Datadog holds: series keyed by metric and tag set, points at the check
 * interval. Queries aggregate the series in scope per group and per timestamp. Bounded by retention.
 */
public final class MetricStore {

    /** One series of a query result: its group's tags and its points (epoch ms to value). */
    public record ResultSeries(String metric, String aggregator, Map<String, String> group,
                               NavigableMap<Long, Double> points, String unit) {
    }

    private record Series(String metric, Map<String, String> tags, NavigableMap<Long, Double> points, String unit) {
    }

    private final Duration retention;
    private final Map<String, Series> series = new LinkedHashMap<>();

    public MetricStore(Duration retention) {
        this.retention = retention;
    }

    public synchronized void add(String metric, Map<String, String> tags, Instant at, double value, String unit) {
        String key = metric + new TreeMap<>(tags);
        Series s = series.computeIfAbsent(key, k -> new Series(metric, Map.copyOf(tags), new TreeMap<>(), unit));
        s.points().put(at.toEpochMilli(), value);
        s.points().headMap(at.minus(retention).toEpochMilli()).clear();
    }

    public synchronized List<ResultSeries> query(MetricQuery query, Instant from, Instant to) {
        Map<Map<String, String>, List<Series>> groups = new LinkedHashMap<>();
        for (Series s : series.values()) {
            if (!s.metric().equals(query.metric()) || !query.inScope(s.tags())) {
                continue;
            }
            Map<String, String> group = new LinkedHashMap<>();
            for (String key : query.groupBy()) {
                group.put(key, s.tags().getOrDefault(key, "N/A"));
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(s);
        }
        List<ResultSeries> result = new ArrayList<>();
        groups.forEach((group, members) -> {
            NavigableMap<Long, List<Double>> byTime = new TreeMap<>();
            for (Series s : members) {
                s.points().subMap(from.toEpochMilli(), true, to.toEpochMilli(), true)
                        .forEach((t, v) -> byTime.computeIfAbsent(t, x -> new ArrayList<>()).add(v));
            }
            if (!byTime.isEmpty()) {
                NavigableMap<Long, Double> points = new TreeMap<>();
                byTime.forEach((t, values) -> points.put(t, aggregate(query.aggregator(), values)));
                result.add(new ResultSeries(query.metric(), query.aggregator(), group, points, members.get(0).unit()));
            }
        });
        return result;
    }

    private static double aggregate(String aggregator, List<Double> values) {
        return switch (aggregator) {
            case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            case "max", "p95", "p99", "p90", "p75" -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            default -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        };
    }

    public synchronized int seriesCount() {
        return series.size();
    }

    /** For tests and diagnostics: the tag sets of a metric's series. */
    public synchronized List<Map<String, String>> tagSets(String metric) {
        List<Map<String, String>> sets = new ArrayList<>();
        series.values().stream().filter(s -> s.metric().equals(metric)).forEach(s -> sets.add(new HashMap<>(s.tags())));
        return sets;
    }
}
