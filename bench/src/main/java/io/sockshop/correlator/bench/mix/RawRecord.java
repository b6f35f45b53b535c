package io.sockshop.correlator.bench.mix;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.kafka.Topics;

import java.nio.charset.StandardCharsets;

/** A raw record as the collector writes it: topic by type, key {@code <cluster>/<namespace>}, the CloudEvent's bytes, event time. */
public record RawRecord(String topic, byte[] key, byte[] value, long timestamp) {

    private static final EventCodec<?> K8S = new EventCodec<>(EventType.K8S_OBJECT);
    private static final EventCodec<?> LOG = new EventCodec<>(EventType.DATADOG_LOG);
    private static final EventCodec<?> METRIC = new EventCodec<>(EventType.DATADOG_METRIC);

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static RawRecord of(CloudEvent<?> event, String topicPrefix) {
        String type = event.type();
        EventCodec codec;
        String topic;
        if (type.equals(EventType.K8S_OBJECT.type())) {
            codec = K8S;
            topic = Topics.K8S.name();
        } else if (type.equals(EventType.DATADOG_LOG.type())) {
            codec = LOG;
            topic = Topics.DATADOG_LOGS.name();
        } else if (type.equals(EventType.DATADOG_METRIC.type())) {
            codec = METRIC;
            topic = Topics.DATADOG_METRICS.name();
        } else {
            throw new IllegalArgumentException("not a raw signal: " + type);
        }
        return new RawRecord(topicPrefix + topic, event.partitionkey().getBytes(StandardCharsets.UTF_8),
                codec.encode(event), event.time().toEpochMilli());
    }

    public int size() {
        return key.length + value.length;
    }
}
