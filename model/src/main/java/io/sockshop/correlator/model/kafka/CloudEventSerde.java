package io.sockshop.correlator.model.kafka;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.MalformedEventException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for the events of one contract type. Deserialization failures are
 * {@link MalformedEventException}s carrying the reason; a null value (tombstone) stays null.
 */
public final class CloudEventSerde<T> implements Serde<CloudEvent<T>> {

    private final EventCodec<T> codec;

    public CloudEventSerde(EventType<T> type) {
        this.codec = new EventCodec<>(type);
    }

    public EventCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<CloudEvent<T>> serializer() {
        return (topic, event) -> event == null ? null : codec.encode(event);
    }

    @Override
    public Deserializer<CloudEvent<T>> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }
}
