package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.model.kafka.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;

/**
 * Kafka 4.1 Streams has no dead-letter queue of its own: a refused record is forwarded to the
 * dead-letter sink from inside the processor, so it is written in the same exactly-once transaction
 * as everything else the record caused. The original key, value and headers are kept byte for byte;
 * the {@link DeadLetterHeaders} say where it came from and why it was refused.
 */
public final class DeadLetters {

    public static final String REFUSED_BY = "correlator";

    private DeadLetters() {
    }

    public static void forward(ProcessorContext<Object, Object> context, Record<byte[], byte[]> record, String reason,
                               String sink) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        RecordMetadata meta = context.recordMetadata().orElse(null);
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, meta == null ? "" : meta.topic());
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, meta == null ? "" : Integer.toString(meta.partition()));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, meta == null ? "" : Long.toString(meta.offset()));
        add(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(record.timestamp()));
        add(headers, DeadLetterHeaders.REASON, reason);
        add(headers, DeadLetterHeaders.REFUSED_BY, REFUSED_BY);
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers), sink);
    }

    private static void add(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
