package io.sockshop.correlator.api.kafka;

import io.sockshop.correlator.model.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every partition of the API's topics from the beginning into memory, on one thread. No
 * consumer group: each replica assigns all partitions to itself, so every replica holds the full
 * state, and a restart rebuilds it from Kafka. Reads are {@code read_committed}: the correlator
 * writes transactionally and aborted records must never reach a client.
 * The raw logs topic is read from {@code logLookback} ago only: order traces need recent lines, not
 * the whole retention.
 */
public final class StateMaterializer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StateMaterializer.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_REFRESH = Duration.ofSeconds(30);

    private final Map<String, Object> clientConfig;
    private final Map<String, RecordSink> sinks;
    private final String logsTopic;
    private final Duration logLookback;
    private final Clock clock;
    private final MaterializerStats stats = new MaterializerStats();
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String state = "starting";
    private volatile Throwable failure;

    /**
     * @param sinks by topic name: what to do with each record of it
     */
    public StateMaterializer(Map<String, Object> clientConfig, Map<String, RecordSink> sinks, String logsTopic,
                             Duration logLookback, Clock clock) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.sinks = Map.copyOf(sinks);
        this.logsTopic = logsTopic;
        this.logLookback = logLookback;
        this.clock = clock;
        this.thread = new Thread(this::run, "api-state-materializer");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once every partition was read up to its end as of start-up. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public boolean alive() {
        return thread.isAlive() && failure == null;
    }

    /** What the materializer is doing, for health checks: "waiting for topics ...", "catching up", "live". */
    public String state() {
        return state;
    }

    public MaterializerStats stats() {
        return stats;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig())) {
            consumer = c;
            Map<String, List<PartitionInfo>> topics = awaitTopics(c);
            if (topics == null) {
                return;
            }
            Set<TopicPartition> assigned = partitions(topics);
            assignFromStart(c, assigned, Set.of());
            Map<TopicPartition, Long> targets = c.endOffsets(assigned);
            state = "catching up";
            long nextRefresh = clock.millis() + TOPIC_REFRESH.toMillis();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : c.poll(POLL)) {
                    apply(record);
                }
                if (!caughtUp && targets.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    state = "live";
                    LOG.info(() -> "state rebuilt from Kafka: " + assigned.size() + " partitions read to their end");
                }
                if (clock.millis() >= nextRefresh) {
                    nextRefresh = clock.millis() + TOPIC_REFRESH.toMillis();
                    addNewPartitions(c, assigned);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer = null;
        }
    }

    private void fail(Throwable e) {
        failure = e;
        state = "failed: " + e.getMessage();
        LOG.log(Level.SEVERE, "the state materializer stopped; this replica serves stale state", e);
    }

    private Map<String, List<PartitionInfo>> awaitTopics(KafkaConsumer<byte[], byte[]> c) {
        while (running) {
            try {
                Map<String, List<PartitionInfo>> existing = c.listTopics(Duration.ofSeconds(10));
                List<String> missing = sinks.keySet().stream().filter(t -> !existing.containsKey(t)).sorted().toList();
                if (missing.isEmpty()) {
                    Map<String, List<PartitionInfo>> ours = new HashMap<>();
                    sinks.keySet().forEach(t -> ours.put(t, existing.get(t)));
                    return ours;
                }
                state = "waiting for topics " + missing;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                state = "waiting for Kafka at " + clientConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private Set<TopicPartition> partitions(Map<String, List<PartitionInfo>> topics) {
        Set<TopicPartition> partitions = new HashSet<>();
        topics.forEach((topic, infos) -> {
            if (sinks.containsKey(topic) && infos != null) {
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
        });
        return partitions;
    }

    /** Partitions added to a topic while running are read from their start too. */
    private void addNewPartitions(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        Set<TopicPartition> now;
        try {
            now = partitions(c.listTopics(Duration.ofSeconds(5)));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return;
        }
        now.removeAll(assigned);
        if (!now.isEmpty()) {
            assigned.addAll(now);
            assignFromStart(c, assigned, now);
            LOG.info(() -> "new partitions assigned from their start: " + now);
        }
    }

    /** Assigns {@code all}; the partitions in {@code fresh} (or all, when empty) start from the beginning. */
    private void assignFromStart(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> all, Set<TopicPartition> fresh) {
        c.assign(new ArrayList<>(all));
        Set<TopicPartition> start = fresh.isEmpty() ? all : fresh;
        List<TopicPartition> logs = start.stream().filter(tp -> tp.topic().equals(logsTopic)).toList();
        List<TopicPartition> rest = start.stream().filter(tp -> !tp.topic().equals(logsTopic)).toList();
        c.seekToBeginning(rest);
        if (!logs.isEmpty()) {
            long since = clock.millis() - logLookback.toMillis();
            Map<TopicPartition, Long> query = new HashMap<>();
            logs.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query);
            List<TopicPartition> none = new ArrayList<>();
            found.forEach((tp, at) -> {
                if (at == null) {
                    none.add(tp);
                } else {
                    c.seek(tp, at.offset());
                }
            });
            c.seekToEnd(none);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        RecordSink sink = sinks.get(record.topic());
        if (sink == null) {
            return;
        }
        stats.read(record.topic());
        try {
            sink.accept(record);
        } catch (MalformedEventException | IllegalArgumentException e) {
            long refused = stats.refused(record.topic());
            // The correlator dead-letters raw input; the API only reads, so it counts and tells, rate-limited.
            if (refused <= 10 || refused % 1000 == 0) {
                LOG.warning(() -> "refused record " + record.topic() + "/" + record.partition() + "@" + record.offset()
                        + " (" + refused + " refused so far on this topic): " + e.getMessage());
            }
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            long refused = stats.refused(record.topic());
            LOG.log(Level.WARNING, "could not apply record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " (" + refused + " refused so far)", e);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
