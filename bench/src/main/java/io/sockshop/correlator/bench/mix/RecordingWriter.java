package io.sockshop.correlator.bench.mix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sockshop.correlator.model.CloudEvent;
import org.apache.kafka.common.utils.Utils;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Writes a data set as a recording in the replay format (docs/replay.md: one Kafka record per line,
 * the CloudEvent JSON object as {@code value}), as {@code ./sockshop record} would have captured it
 * from the raw topics: the partition the default partitioner picks for the key, offsets per partition.
 */
public final class RecordingWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private RecordingWriter() {
    }

    /** Writes every event and returns how many lines were written. */
    public static long write(Iterator<CloudEvent<?>> events, int partitions, Path file) {
        long lines = 0;
        long[][] offsets = new long[3][partitions];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             JsonGenerator g = JSON.createGenerator(out)) {
            g.setRootValueSeparator(null);
            while (events.hasNext()) {
                RawRecord r = RawRecord.of(events.next(), "");
                int partition = Utils.toPositive(Utils.murmur2(r.key())) % partitions;
                int topic = r.topic().contains("logs") ? 0 : r.topic().contains("metrics") ? 1 : 2;
                g.writeStartObject();
                g.writeStringField("topic", r.topic());
                g.writeNumberField("partition", partition);
                g.writeNumberField("offset", offsets[topic][partition]++);
                g.writeNumberField("timestamp", r.timestamp());
                g.writeStringField("key", new String(r.key(), StandardCharsets.UTF_8));
                g.writeFieldName("value");
                g.writeRawValue(new String(r.value(), StandardCharsets.UTF_8));
                g.writeEndObject();
                g.writeRaw('\n');
                lines++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording " + file, e);
        }
        return lines;
    }
}
