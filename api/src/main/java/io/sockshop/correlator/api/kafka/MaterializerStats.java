package io.sockshop.correlator.api.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of what the materializer read and refused, per topic, for metrics and health. */
public final class MaterializerStats {

    private final Map<String, AtomicLong> read = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();

    void read(String topic) {
        read.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
    }

    long refused(String topic) {
        return refused.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
    }

    public long readCount(String topic) {
        AtomicLong n = read.get(topic);
        return n == null ? 0 : n.get();
    }

    public long refusedCount(String topic) {
        AtomicLong n = refused.get(topic);
        return n == null ? 0 : n.get();
    }
}
