package io.sockshop.correlator.collector.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Records and the checkpoints that cover them: committed in one Kafka transaction, or not at all, so
 * a restart resumes exactly where the last committed publication ended.
 *
 * @param source      what produced it ({@code k8s}, {@code datadog-logs}, ...), for metrics and messages
 * @param records     the output records, already serialized (their size counts against the buffer)
 * @param checkpoints checkpoint records (a null value is a tombstone)
 * @param typeCounts  how many records of each type (object kind, metric) it holds, for metrics
 * @param onDropped   called when the buffer budget is exceeded and this publication is dropped
 * @param committed   completed when the transaction holding it is committed
 */
public record Publication(String source, List<ProducerRecord<String, byte[]>> records,
                          List<ProducerRecord<String, byte[]>> checkpoints, Map<String, Integer> typeCounts,
                          Runnable onDropped, CompletableFuture<Void> committed) {

    public Publication {
        records = List.copyOf(records);
        checkpoints = List.copyOf(checkpoints);
        typeCounts = Map.copyOf(typeCounts);
        onDropped = onDropped == null ? () -> { } : onDropped;
        committed = committed == null ? new CompletableFuture<>() : committed;
    }

    public static Publication of(String source, List<ProducerRecord<String, byte[]>> records,
                                 List<ProducerRecord<String, byte[]>> checkpoints, Map<String, Integer> typeCounts,
                                 Runnable onDropped) {
        return new Publication(source, records, checkpoints, typeCounts, onDropped, new CompletableFuture<>());
    }

    public int recordCount() {
        return records.size() + checkpoints.size();
    }

    /** Bytes this publication holds in memory while it waits for Kafka. */
    public long sizeBytes() {
        return size(records) + size(checkpoints);
    }

    private static long size(List<ProducerRecord<String, byte[]>> list) {
        long total = 0;
        for (ProducerRecord<String, byte[]> record : list) {
            total += 64 + (record.key() == null ? 0 : record.key().length() * 2L)
                    + (record.value() == null ? 0 : record.value().length);
        }
        return total;
    }
}
