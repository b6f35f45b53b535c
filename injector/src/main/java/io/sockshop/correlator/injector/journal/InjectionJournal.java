package io.sockshop.correlator.injector.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Json;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes injection events and pending restores together, in one Kafka transaction per change: a
 * reader never sees an event whose run state is not saved, and after a crash the saved state says
 * exactly which sequence number comes next (no gap, no reuse).
 *
 * <p>The transactional id is per cluster: a second injector for the same cluster fences the first,
 * so two of them never restore each other's runs.
 */
public final class InjectionJournal implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicDescriptor<String, CloudEvent<InjectionEvent>> injections;
    private final TopicDescriptor<String, byte[]> restores;
    private final Serializer<CloudEvent<InjectionEvent>> eventSerializer;

    public InjectionJournal(Map<String, Object> kafkaConfig, TopicDescriptor<String, CloudEvent<InjectionEvent>> injections,
                            TopicDescriptor<String, byte[]> restores, String transactionalId, Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 30_000) + 1_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.injections = injections;
        this.restores = restores;
        this.eventSerializer = Topics.INJECTIONS.valueSerde().serializer();
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new JournalException("cannot initialise Kafka transactions as '" + transactionalId + "' on "
                    + kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getMessage(), e);
        }
    }

    /** Publishes the events and saves the run's pending restore, atomically. */
    public void commit(List<CloudEvent<InjectionEvent>> events, PendingRestore pending) {
        write(events, pending.runId(), encode(pending));
    }

    /** Publishes the events and forgets the run's pending restore (it is done), atomically. */
    public void commitAndForget(List<CloudEvent<InjectionEvent>> events, String runId) {
        write(events, runId, null);
    }

    /** Publishes events of a run that has nothing to restore (a dry run). */
    public void publish(List<CloudEvent<InjectionEvent>> events) {
        write(events, null, null);
    }

    private synchronized void write(List<CloudEvent<InjectionEvent>> events, String runId, byte[] pending) {
        try {
            producer.beginTransaction();
            for (CloudEvent<InjectionEvent> event : events) {
                producer.send(new ProducerRecord<>(injections.name(), utf8(event.partitionkey()),
                        eventSerializer.serialize(injections.name(), event)));
            }
            if (runId != null) {
                producer.send(new ProducerRecord<>(restores.name(), utf8(runId), pending));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw new JournalException("Kafka refuses this injector's writes (" + e.getClass().getSimpleName()
                    + "): another injector with the same transactional id took over, or access was revoked", e);
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abort) {
                e.addSuppressed(abort);
            }
            throw new JournalException("cannot write to Kafka: " + e.getMessage(), e);
        }
    }

    public static byte[] encode(PendingRestore pending) {
        try {
            return Json.mapper().writeValueAsBytes(pending);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the pending restore of run " + pending.runId(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
