package io.sockshop.correlator.kafka;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker in this JVM: one KRaft node acting as broker and controller, started
 * with Kafka's own {@link KafkaClusterTestKit}. It keeps its data in a directory (a temporary one
 * unless given) and listens on a port (any free one unless given), so it can be stopped and started
 * again on the same data and port, as a real broker restart would.
 *
 * <p>With a single broker, the internal topics must have replication factor 1 and
 * {@code transaction.state.log.min.isr=1}, or consumer groups and transactions hang; those are the
 * defaults here. Time-based retention is off ({@code log.retention.ms=-1}), because recorded and
 * fixture events are dated in the past and would otherwise be deleted while a test reads them.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The listener clients use; its port is the one chosen by the caller. */
    static final String CLIENT_LISTENER = "CLIENT";
    private static final String NODE_DIRECTORY = "combined_0_0";
    private static final String HOST = "localhost";

    private final Path dataDirectory;
    private final boolean temporary;
    private final Map<String, String> brokerConfig;
    private int port;
    private KafkaClusterTestKit cluster;

    private EmbeddedKafkaBroker(Path dataDirectory, boolean temporary, int port, Map<String, String> brokerConfig) {
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.port = port;
        this.brokerConfig = brokerConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The broker settings every single-node broker needs, before any caller overrides. */
    public static Map<String, String> singleNodeDefaults() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.partitions", "3");
        config.put("auto.create.topics.enable", "false");
        // Recordings, fixtures and benchmarks carry event times from the past: with the default 7-day
        // retention the broker's first retention check (30 s after start) deletes them under the test.
        config.put("log.retention.ms", "-1");
        return config;
    }

    /** Starts the broker (formatting the data directory on first use) and waits until it is ready. */
    public synchronized EmbeddedKafkaBroker start() {
        if (cluster != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDirectory);
            boolean formatted = Files.exists(dataDirectory.resolve(NODE_DIRECTORY).resolve("meta.properties"));
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setClusterId(formatted ? readClusterId() : Uuid.randomUuid().toString())
                    .setBaseDirectory(dataDirectory)
                    .build();
            String brokerListener = nodes.brokerListenerName().value();
            String controllerListener = nodes.controllerListenerName().value();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    // The test kit binds its own listeners to ephemeral ports; a third listener carries the chosen port.
                    .setConfigProp("listeners", brokerListener + "://" + HOST + ":0," + controllerListener + "://"
                            + HOST + ":0," + CLIENT_LISTENER + "://" + HOST + ":" + port)
                    .setConfigProp("listener.security.protocol.map", brokerListener + ":PLAINTEXT,"
                            + controllerListener + ":PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT")
                    .setDeleteOnClose(false);
            brokerConfig.forEach(builder::setConfigProp);
            KafkaClusterTestKit started = builder.build();
            if (!formatted) {
                started.format();
            }
            started.startup();
            started.waitForReadyBrokers();
            cluster = started;
            port = started.brokers().values().iterator().next().boundPort(ListenerName.normalised(CLIENT_LISTENER));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker on port " + port + " with data in "
                    + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Stops the broker and keeps its data, so that {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the embedded Kafka broker: " + e.getMessage(), e);
        } finally {
            cluster = null;
        }
    }

    /** Stops the broker; a temporary data directory is deleted. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDirectory);
        }
    }

    public synchronized boolean isRunning() {
        return cluster != null;
    }

    public synchronized String bootstrapServers() {
        if (cluster == null) {
            throw new IllegalStateException("the embedded Kafka broker is not running");
        }
        return HOST + ":" + port;
    }

    public synchronized int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private String readClusterId() throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(dataDirectory.resolve(NODE_DIRECTORY).resolve("meta.properties"))) {
            meta.load(in);
        }
        String id = meta.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("no cluster.id in " + dataDirectory.resolve(NODE_DIRECTORY)
                    + "/meta.properties: the data directory is damaged; remove it to start afresh");
        }
        return id;
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private final Map<String, String> brokerConfig = singleNodeDefaults();

        private Builder() {
        }

        /** Where the broker keeps its data; by default a temporary directory deleted on {@link #close()}. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The client port; 0 (the default) picks a free one, kept across restarts. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** A broker setting, e.g. {@code log.retention.hours}. */
        public Builder brokerConfig(String key, String value) {
            brokerConfig.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            try {
                boolean temporary = dataDirectory == null;
                Path directory = temporary ? Files.createTempDirectory("embedded-kafka-") : dataDirectory.toAbsolutePath();
                return new EmbeddedKafkaBroker(directory, temporary, port, new LinkedHashMap<>(brokerConfig));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory for the embedded Kafka broker", e);
            }
        }
    }
}
