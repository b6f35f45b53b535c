package io.sockshop.correlator.sandbox.logs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container log line as Datadog stores it: the Agent sets {@code status} from the stream
 * (stdout info, stderr error) and attaches the container's Kubernetes tags.
 */
public record LogEvent(String id, Instant timestamp, String service, String status, String host, String message,
                       List<String> tags, Map<String, Object> attributes) {
}
