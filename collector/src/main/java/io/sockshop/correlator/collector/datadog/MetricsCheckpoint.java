package io.sockshop.correlator.collector.datadog;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one metrics query stands, committed with the points it covers.
 *
 * @param doneUntil  end of the last window read
 * @param lastPoints per series (hash of metric and scope), the timestamp (epoch ms) of the last point
 *                   published: an overlapping window publishes only later points
 * @param namespaces the namespaces the query covers (absent in checkpoints of the per-namespace collector)
 * @param template   the configured query it runs (absent in checkpoints of the per-namespace collector)
 * @param floors     per namespace taken over from an older checkpoint, the end of the last window read
 *                   for it: a series not in {@code lastPoints} publishes no closed bucket up to it
 */
public record MetricsCheckpoint(Instant doneUntil, Map<String, Long> lastPoints, List<String> namespaces,
                                String template, Map<String, Instant> floors) {

    @JsonCreator
    public MetricsCheckpoint {
        lastPoints = lastPoints == null ? new HashMap<>() : new HashMap<>(lastPoints);
        namespaces = namespaces == null ? null : List.copyOf(namespaces);
        floors = floors == null ? new TreeMap<>() : new TreeMap<>(floors);
    }

    /** The state of the per-namespace collector. */
    public MetricsCheckpoint(Instant doneUntil, Map<String, Long> lastPoints) {
        this(doneUntil, lastPoints, null, null, null);
    }
}
