package io.sockshop.correlator.engine.stream;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The signal processor's objects of its stores, kept in the heap between records, least recently used
 * first. Without a bound the heap grows with every application ever seen (applications come and go:
 * test namespaces, one per run); with one, the processor stays within a fixed number of entries and
 * reads the rest from its store. Entries are only dropped in {@link #trim}, between records, and each
 * dropped entry is written back first, so dropping one never loses a change the processor made to the
 * object after its last put (the findings are the same whatever the bound, see BoundedStateCacheTest).
 */
final class BoundedStateCache<V> {

    private final int capacity;
    private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);

    BoundedStateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    V get(String key) {
        return entries.get(key);
    }

    void put(String key, V value) {
        entries.put(key, value);
    }

    void remove(String key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    /** Drops the least recently used entries beyond the capacity, each handed to {@code writeBack} first. */
    void trim(BiConsumer<String, V> writeBack) {
        int excess = entries.size() - capacity;
        if (excess <= 0) {
            return;
        }
        Iterator<Map.Entry<String, V>> it = entries.entrySet().iterator();
        while (excess-- > 0 && it.hasNext()) {
            Map.Entry<String, V> eldest = it.next();
            writeBack.accept(eldest.getKey(), eldest.getValue());
            it.remove();
        }
    }
}
