package io.sockshop.correlator.model.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;

/**
 * The payload of a Kubernetes Event object, normalised over core/v1 and events.k8s.io/v1:
 * {@code message} is core/v1 {@code message} or events.k8s.io {@code note}; {@code count},
 * {@code firstTimestamp} and {@code lastTimestamp} come from the deprecated* fields or {@code series}
 * where only those are set. Repeats of one event bump {@code count} on the same object (MODIFIED).
 *
 * @param apiVersion {@code v1} or {@code events.k8s.io/v1}: which API the collector read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventInfo(String reason, String message, String type, Integer count, Instant firstTimestamp,
                        Instant lastTimestamp, Instant eventTime, ObjectRef involvedObject, EventSource source,
                        String reportingController, String reportingInstance, String action, String apiVersion) {
    public EventInfo {
        Require.nonBlank(reason, "reason");
        Require.nonNull(involvedObject, "involvedObject");
        Require.nonNegative(count, "count");
    }
}
