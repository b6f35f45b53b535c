package io.sockshop.correlator.bench.kafka;

import io.sockshop.correlator.bench.mix.RawRecord;
import io.sockshop.correlator.model.CloudEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/** Writes a data set onto the raw topics, as a collector would (idempotent producer, acks=all), and counts what it wrote. */
public final class Preloader {

    /** What was written: records and bytes per topic. */
    public record Loaded(long records, long bytes, Map<String, Long> recordsByTopic, double seconds) {
        public String mix() {
            StringBuilder b = new StringBuilder();
            recordsByTopic.forEach((topic, n) -> b.append(b.isEmpty() ? "" : ", ").append(topic).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * n / records)));
            return b.toString();
        }
    }

    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static Loaded load(String bootstrap, Iterator<CloudEvent<?>> events, String topicPrefix) {
        Map<String, Long> byTopic = new TreeMap<>();
        long records = 0;
        long bytes = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            while (events.hasNext()) {
                RawRecord r = RawRecord.of(events.next(), topicPrefix);
                producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), r.key(), r.value()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                byTopic.merge(r.topic(), 1L, Long::sum);
                records++;
                bytes += r.size();
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading failed: " + failure.get(), failure.get());
        }
        return new Loaded(records, bytes, byTopic, (System.nanoTime() - started) / 1e9);
    }
}
