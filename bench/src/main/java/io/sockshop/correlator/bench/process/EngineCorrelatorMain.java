package io.sockshop.correlator.bench.process;

import io.sockshop.correlator.engine.BoundedRocksDbMemory;
import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.CorrelatorTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The correlator's topology in a plain JVM with the service's Kafka Streams settings
 * (correlator/src/main/resources/application.properties: exactly_once_v2, commit every 100 ms, one
 * stream thread, a 10 MiB store cache, RocksDB stores sharing a 64 MiB budget). The benchmarks run the packaged Quarkus
 * service when it is built; this runner serves the smoke tests and {@code --correlator engine}.
 * <pre>EngineCorrelatorMain BOOTSTRAP APPLICATION_ID STATE_DIR [TOPIC_PREFIX]</pre>
 * Prints {@code CORRELATOR_READY} once Kafka Streams is RUNNING; stops cleanly on SIGTERM.
 */
public final class EngineCorrelatorMain {

    public static final String READY = "CORRELATOR_READY";

    private EngineCorrelatorMain() {
    }

    public static Properties serviceSettings(String bootstrap, String applicationId, String stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10L * 1024 * 1024);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        p.putAll(BoundedRocksDbMemory.streamsProperties(BoundedRocksDbMemory.DEFAULT));
        return p;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: EngineCorrelatorMain BOOTSTRAP APPLICATION_ID STATE_DIR [TOPIC_PREFIX]");
            System.exit(2);
        }
        CorrelatorConfig config = CorrelatorConfig.defaults().withTopicPrefix(args.length > 3 ? args[3] : "");
        KafkaStreams streams = new KafkaStreams(CorrelatorTopology.build(config), serviceSettings(args[0], args[1], args[2]));
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(READY);
            } else if (now == KafkaStreams.State.ERROR) {
                System.out.println("CORRELATOR_FAILED");
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(java.time.Duration.ofSeconds(20));
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }
}
