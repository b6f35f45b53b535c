package io.sockshop.correlator.model.kafka;

import io.sockshop.correlator.model.Require;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with its key and value serdes, so that every producer and consumer of the topic uses the
 * same ones.
 *
 * @param name        the topic name
 * @param keySerde    serde of the key
 * @param valueSerde  serde of the value
 * @param compacted   {@code cleanup.policy=compact}: the topic keeps the latest value per key
 * @param description what the topic holds and how it is keyed
 */
public record TopicDescriptor<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted,
                                    String description) {

    public TopicDescriptor {
        Require.nonBlank(name, "name");
        Require.nonNull(keySerde, "keySerde");
        Require.nonNull(valueSerde, "valueSerde");
    }

    /**
     * The same topic under a prefix, e.g. {@code replay.} for replays that must never mix with live
     * data, or a per-test prefix.
     */
    public TopicDescriptor<K, V> withPrefix(String prefix) {
        return prefix == null || prefix.isEmpty() ? this
                : new TopicDescriptor<>(prefix + name, keySerde, valueSerde, compacted, description);
    }
}
