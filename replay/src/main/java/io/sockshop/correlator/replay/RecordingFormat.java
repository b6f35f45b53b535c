package io.sockshop.correlator.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads and writes recordings: one {@link RecordedRecord} as JSON per line, UTF-8. */
public final class RecordingFormat {

    // Exact decimals, so that numbers are written back as they were read.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RecordingFormat() {
    }

    public static RecordedRecord of(ConsumerRecord<byte[], byte[]> record) {
        List<RecordedRecord.Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new RecordedRecord.Header(h.key(),
                h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8))));
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        JsonNode value = null;
        String base64 = null;
        if (record.value() != null) {
            value = asJsonObject(record.value());
            if (value == null) {
                base64 = Base64.getEncoder().encodeToString(record.value());
            }
        }
        return new RecordedRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), key, headers,
                value, base64);
    }

    public static String line(RecordedRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a recording line", e);
        }
    }

    /** Parses one line; a bad line is an error naming the line number. */
    public static RecordedRecord parse(String line, int lineNumber) {
        try {
            return JSON.readValue(line, RecordedRecord.class);
        } catch (IOException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("recording line " + lineNumber + ": " + reason);
        }
    }

    public static List<RecordedRecord> read(Path file) {
        List<RecordedRecord> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    records.add(parse(line, number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + file, e);
        }
        return records;
    }

    /** The value bytes to produce: the JSON as written, or the base64 bytes, or null. */
    public static byte[] valueBytes(RecordedRecord record) {
        if (record.value() != null) {
            try {
                return JSON.writeValueAsBytes(record.value());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return record.valueBase64() == null ? null : Base64.getDecoder().decode(record.valueBase64());
    }

    public static byte[] keyBytes(RecordedRecord record) {
        return record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    }

    public static Headers headers(RecordedRecord record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(h -> headers.add(h.key(), h.value() == null ? null : h.value().getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /**
     * A JSON object is kept as JSON (readable, and played back as the same JSON document, though not
     * necessarily the same bytes: whitespace is not kept); anything else is kept byte for byte.
     */
    private static JsonNode asJsonObject(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
