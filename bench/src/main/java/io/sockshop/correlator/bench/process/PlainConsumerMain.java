package io.sockshop.correlator.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The baseline of the throughput benchmark: a plain KafkaConsumer that reads every record of the
 * topics ({@code read_committed}, like the correlator's exactly-once consumer) and parses each value
 * as JSON into a tree, doing nothing else. Prints
 * {@code PLAIN_RESULT records=N timed=M seconds=S} where the time runs from the first batch to the
 * last record and {@code timed} counts the records after the first batch.
 * <pre>PlainConsumerMain BOOTSTRAP TOPIC[,TOPIC...] EXPECTED_RECORDS</pre>
 */
public final class PlainConsumerMain {

    public static final String RESULT = "PLAIN_RESULT";

    private PlainConsumerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PlainConsumerMain BOOTSTRAP TOPIC[,TOPIC...] EXPECTED_RECORDS");
            System.exit(2);
        }
        long expected = Long.parseLong(args[2]);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, "plain-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long records = 0;
        long firstBatch = -1;
        long started = 0;
        long last = 0;
        long fields = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(args[1].split(",")));
            while (records < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    JsonNode node = json.readTree(r.value());
                    fields += node.size();
                }
                records += batch.count();
                last = System.nanoTime();
                if (firstBatch < 0) {
                    firstBatch = batch.count();
                    started = last;
                }
            }
        }
        if (records < expected) {
            System.out.println("PLAIN_FAILED read " + records + " of " + expected + " records in 30 minutes");
            System.exit(1);
        }
        System.out.println(RESULT + " records=" + records + " timed=" + (records - firstBatch) + " seconds="
                + (last - started) / 1e9 + " fields=" + fields);
    }
}
