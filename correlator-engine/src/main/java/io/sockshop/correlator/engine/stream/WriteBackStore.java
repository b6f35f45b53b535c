package io.sockshop.correlator.engine.stream;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A write-back cache of objects in front of a logged key-value store: {@code put} only remembers the
 * object, and the entries written since the last commit are serialised into the store (and so into its
 * changelog, inside the exactly-once transaction) when Kafka Streams flushes the task's caches, which
 * it does first thing in every commit, on every path (commit interval, rebalance, clean close).
 *
 * <p>Why: the signal processor changes a service's state on nearly every record, and serialising the
 * whole entry at every {@code put} into Kafka Streams' byte cache (a sorted map compared byte by byte)
 * was a quarter of the stream thread. Here an entry is serialised once per commit, in the state it has
 * at that commit, which is exactly what the committed input offsets correspond to. A task closed
 * uncleanly drops what it had not committed, as Kafka Streams' own cache does; it is restored from the
 * changelog. The processor owns the objects and may change them after a {@code put}: a put marks the
 * entry to be written at the next commit (the processor puts every entry it changed).
 *
 * <p>Built on {@link WrappedStateStore} (Kafka Streams' own wrapper, an internal class) because its
 * {@code flushCache} is the hook Kafka Streams calls before committing; checked by
 * {@code WriteBackStoreTest} against the Kafka Streams version in use.
 */
public final class WriteBackStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
        implements KeyValueStore<String, V> {

    private static final Object DELETED = new Object();

    /** Entries changed since the last commit: the value, or {@link #DELETED}; in the order first changed. */
    private final Map<String, Object> dirty = new LinkedHashMap<>();

    WriteBackStore(KeyValueStore<String, V> logged) {
        super(logged);
    }

    /** A builder of this cache over {@code logged}, which must be built without Kafka Streams' caching. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> logged) {
        return new Builder<>(logged.withCachingDisabled());
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        dirty.clear();
        super.init(context, root);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(String key) {
        Object d = dirty.get(key);
        if (d != null) {
            return d == DELETED ? null : (V) d;
        }
        return wrapped().get(key);
    }

    @Override
    public void put(String key, V value) {
        Objects.requireNonNull(key, "key cannot be null");
        dirty.put(key, value == null ? DELETED : value);
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        for (KeyValue<String, V> e : entries) {
            put(e.key, e.value);
        }
    }

    @Override
    public V delete(String key) {
        V old = get(key);
        put(key, null);
        return old;
    }

    // Scans are rare (tests, tools): the pending entries are written first, and the store answers.

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        writeDirty();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        writeDirty();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writeDirty();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        writeDirty();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeDirty();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        writeDirty();
        return wrapped().approximateNumEntries();
    }

    /** Called by Kafka Streams at the start of every commit, before the changelog records are flushed. */
    @Override
    public void flushCache() {
        writeDirty();
        super.flushCache();
    }

    @Override
    public void flush() {
        writeDirty();
        super.flush();
    }

    /** Uncommitted changes are dropped (Kafka Streams drops its own caches the same way). */
    @Override
    public void clearCache() {
        dirty.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        dirty.clear();
        super.close();
    }

    @SuppressWarnings("unchecked")
    private void writeDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        KeyValueStore<String, V> store = wrapped();
        for (Map.Entry<String, Object> e : dirty.entrySet()) {
            if (e.getValue() == DELETED) {
                store.delete(e.getKey());
            } else {
                store.put(e.getKey(), (V) e.getValue());
            }
        }
        dirty.clear();
    }

    private static final class Builder<V> implements StoreBuilder<KeyValueStore<String, V>> {
        private final StoreBuilder<KeyValueStore<String, V>> logged;

        Builder(StoreBuilder<KeyValueStore<String, V>> logged) {
            this.logged = logged;
        }

        /** This store is its own cache: Kafka Streams' byte cache under it would only cost. */
        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            logged.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            logged.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new WriteBackStore<>(logged.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return logged.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return logged.loggingEnabled();
        }

        @Override
        public String name() {
            return logged.name();
        }
    }
}
