package io.sockshop.correlator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the envelope on every topic of the contract.
 *
 * @param specversion     always {@code 1.0}
 * @param id              deterministic from the source's identity (see {@link EventIds}), so a re-read
 *                        produces the same id and consumers can deduplicate on {@code source + id}
 * @param source          URI reference of the producer context, e.g. {@code /collector/k8s/kind-sockshop}
 * @param type            the versioned event type, e.g. {@code io.sockshop.correlator.k8s.object.v1}
 * @param subject         what the event is about within the source (object, service, run, incident)
 * @param time            event time: when it happened in the cluster, not when it was read. Required here,
 *                        although optional in CloudEvents, because the correlator works in event time
 * @param datacontenttype {@code application/json} (or absent, which means the same)
 * @param partitionkey    the Kafka record key (CloudEvents partitioning extension)
 * @param data            the typed payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "partitionkey", "data"})
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String partitionkey,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("specversion must be \"1.0\", was "
                    + (specversion == null ? "missing" : "\"" + specversion + "\""));
        }
        Require.nonBlank(id, "id");
        Require.nonBlank(source, "source");
        Require.nonBlank(type, "type");
        Require.nonNull(time, "time");
        if (datacontenttype != null && !datacontenttype.startsWith(JSON)) {
            throw new IllegalArgumentException("datacontenttype must be application/json, was \"" + datacontenttype + "\"");
        }
        Require.nonNull(data, "data");
    }

    /** An event of a contract type with {@code datacontenttype: application/json}. */
    public static <T> CloudEvent<T> of(EventType<T> type, String id, String source, String subject,
                                       Instant time, String partitionkey, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type.type(), subject, time, JSON, partitionkey, data);
    }
}
