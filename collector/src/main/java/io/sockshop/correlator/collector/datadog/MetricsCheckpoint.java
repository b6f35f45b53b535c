package io.sockshop.correlator.collector.datadog;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Where one metrics query stands, committed with the points it covers.
 *
 * @param doneUntil  end of the last window read
 * @param lastPoints per series (hash of metric and scope), the timestamp (epoch ms) of the last point
 *                   published: an overlapping window publishes only later points
 */
public record MetricsCheckpoint(Instant doneUntil, Map<String, Long> lastPoints) {

    public MetricsCheckpoint {
        lastPoints = lastPoints == null ? new HashMap<>() : new HashMap<>(lastPoints);
    }
}
