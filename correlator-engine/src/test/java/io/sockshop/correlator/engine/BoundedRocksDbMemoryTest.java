package io.sockshop.correlator.engine;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class BoundedRocksDbMemoryTest {

    private static final long MIB = 1024 * 1024;

    @ParameterizedTest
    @CsvSource({"64M, 67108864", "64m, 67108864", "64MB, 67108864", "8M, 8388608", "16384K, 16777216", "1G, 1073741824",
            "1g, 1073741824", "' 32M ', 33554432", "67108864, 67108864"})
    void sizesAreBytesOrBinaryMultiples(String size, long bytes) {
        assertThat(BoundedRocksDbMemory.parse("s", size)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "lots", "-64M", "64X", "6.4M", "7M", "1024", "99999999999G"})
    void aBadSizeNamesTheSetting(String size) {
        assertThatThrownBy(() -> BoundedRocksDbMemory.parse("correlator.rocksdb-memory", size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid configuration correlator.rocksdb-memory: ")
                .hasMessageContaining("'" + size + "'");
    }

    @Test
    void theStreamsPropertiesNameTheSetterAndTheValidatedSize() {
        assertThat(BoundedRocksDbMemory.streamsProperties("32M")).containsEntry(
                StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName())
                .containsEntry(BoundedRocksDbMemory.MEMORY_CONFIG, "32M");
        assertThatThrownBy(() -> BoundedRocksDbMemory.streamsProperties("2M"))
                .hasMessageContaining(BoundedRocksDbMemory.MEMORY_CONFIG);
    }

    @Test
    void aBadSizeInTheStreamsConfigFailsTheStoreWithTheSettingsName() {
        try (Options options = new Options()) {
            assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("app-state", options,
                    Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "lots")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(BoundedRocksDbMemory.MEMORY_CONFIG);
        }
    }

    /**
     * 12 stores (4 stores x 3 partitions, as one instance holds them) written 4 MiB each: with one shared
     * 16 MiB budget their memtables together stay near its write-buffer half instead of the 48 MiB
     * that 12 unbounded memtables would hold.
     */
    @Test
    void twelveStoresShareOneWriteBufferBudget(@TempDir Path dir) throws RocksDBException {
        RocksDB.loadLibrary();
        List<Options> options = new ArrayList<>();
        List<RocksDB> stores = new ArrayList<>();
        try (WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            for (int i = 0; i < 12; i++) {
                Options o = new Options().setCreateIfMissing(true);
                new BoundedRocksDbMemory().setConfig("store-" + i, o, Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "16M"));
                options.add(o);
                stores.add(RocksDB.open(o, dir.resolve("store-" + i).toString()));
            }
            Random random = new Random(7);
            byte[] value = new byte[1024];
            for (int k = 0; k < 4096; k++) {
                for (RocksDB db : stores) {
                    random.nextBytes(value);
                    db.put(noWal, ("key-" + k).getBytes(), value);
                }
            }
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(memtables(stores))
                    .as("bytes in all memtables").isLessThanOrEqualTo(12 * MIB));
            for (int k = 0; k < 4096; k += 97) {
                assertThat(stores.get(k % 12).get(("key-" + k).getBytes())).as("key-" + k).hasSize(1024);
            }
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    private static long memtables(List<RocksDB> stores) throws RocksDBException {
        long sum = 0;
        for (RocksDB db : stores) {
            sum += db.getLongProperty("rocksdb.cur-size-all-mem-tables");
        }
        return sum;
    }
}
