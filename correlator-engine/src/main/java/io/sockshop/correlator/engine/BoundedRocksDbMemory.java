package io.sockshop.correlator.engine;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the off-heap memory of every RocksDB store of one process: all stores (4 stores x the
 * partitions of the tasks the instance runs) share one LRU block cache, and their memtables are
 * charged to that cache through one {@link WriteBufferManager}, so index, filter, data blocks and
 * write buffers together stay near the configured total however many tasks the instance holds
 * (Kafka Streams' "bounded memory usage" pattern). At Kafka Streams' defaults each store instance
 * has its own 50 MiB cache and up to 3 x 16 MiB memtables: 12 instances grew to about 260 MiB native.
 *
 * <p>The correlator serves its reads from objects it keeps in the heap, so RocksDB is mostly written to
 * (changelog restores and the first read of an application after a restart read it): a small cache
 * costs little. Configured through the Kafka Streams properties:
 * <pre>
 * rocksdb.config.setter=io.sockshop.correlator.engine.BoundedRocksDbMemory
 * sockshop.rocksdb.memory=64M     (bytes, or with a K, M or G suffix; default {@value #DEFAULT})
 * </pre>
 * {@link #streamsProperties(String)} gives both, validated. The shared cache lives as long as the
 * process (one per distinct size): stores come and go with rebalances, the budget stays.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Kafka Streams property holding the total off-heap budget of the process's RocksDB stores. */
    public static final String MEMORY_CONFIG = "sockshop.rocksdb.memory";
    public static final String DEFAULT = "64M";
    /** Below this a store cannot hold its memtables and index blocks; RocksDB would flush on every write. */
    public static final long MINIMUM_BYTES = 8L * 1024 * 1024;

    /** Share of the budget the memtables may take (charged to the cache, so within the total). */
    private static final double MEMTABLE_SHARE = 0.5;
    /** Share of the cache kept for index and filter blocks (high priority), so data blocks cannot evict them. */
    private static final double INDEX_FILTER_SHARE = 0.1;
    private static final long MAX_MEMTABLE_BYTES = 8L * 1024 * 1024;

    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    /** The properties that bound RocksDB's memory to {@code size} ({@link #parse} syntax). */
    public static Map<String, Object> streamsProperties(String size) {
        parse(MEMORY_CONFIG, size);
        return Map.of(org.apache.kafka.streams.StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                BoundedRocksDbMemory.class.getName(), MEMORY_CONFIG, size);
    }

    /**
     * Bytes of a size such as {@code 67108864}, {@code 64M}, {@code 512k}, {@code 1G} (binary multiples),
     * at least {@link #MINIMUM_BYTES}; anything else is an {@link IllegalArgumentException} naming {@code setting}.
     */
    public static long parse(String setting, String size) {
        String s = size == null ? "" : size.strip().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty() && "KMG".indexOf(s.charAt(s.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMG".indexOf(s.charAt(s.length() - 1)) + 1));
            s = s.substring(0, s.length() - 1);
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid configuration " + setting
                    + ": expected a size in bytes such as 64M, 512K, 1G or 67108864, was '" + size + "'");
        }
        if (bytes < MINIMUM_BYTES) {
            throw new IllegalArgumentException("invalid configuration " + setting + ": must be at least 8M, was '"
                    + size + "'");
        }
        return bytes;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_CONFIG);
        long total;
        try {
            total = parse(MEMORY_CONFIG, configured == null ? DEFAULT : configured.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Shared shared = SHARED.computeIfAbsent(total, BoundedRocksDbMemory::create);
        // Kafka Streams hands over its own block-based table config; anything else is replaced by one.
        BlockBasedTableConfig table = options.tableFormatConfig() instanceof BlockBasedTableConfig given
                ? given : new BlockBasedTableConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        // Small memtables, so that the shared write-buffer budget is spread over many stores instead of
        // a few 16 MiB default memtables using it all.
        options.setWriteBufferSize(Math.min(MAX_MEMTABLE_BYTES, (long) (total * MEMTABLE_SHARE / 8)));
        options.setMaxWriteBufferNumber(2);
    }

    private static Shared create(long total) {
        Cache cache = new LRUCache(total, -1, false, INDEX_FILTER_SHARE);
        return new Shared(cache, new WriteBufferManager((long) (total * MEMTABLE_SHARE), cache));
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared by every store of the process: not closed with one store.
    }
}
