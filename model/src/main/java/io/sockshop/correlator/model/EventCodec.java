package io.sockshop.correlator.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Encodes and decodes the events of one type. Decoding validates everything the contract requires
 * and fails with a {@link MalformedEventException} whose reason names the place
 * ({@code data.uid: uid is required and must not be blank}), never with a NullPointerException later.
 */
public final class EventCodec<T> {

    private final EventType<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public EventCodec(EventType<T> type) {
        this.type = type;
        JavaType javaType = Json.mapper().getTypeFactory().constructParametricType(CloudEvent.class, type.dataClass());
        this.reader = Json.mapper().readerFor(javaType);
        this.writer = Json.mapper().writerFor(javaType);
    }

    public EventType<T> type() {
        return type;
    }

    public CloudEvent<T> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty record: expected a CloudEvents JSON object");
        }
        CloudEvent<T> event;
        try {
            event = reader.readValue(bytes);
        } catch (IOException e) {
            throw new MalformedEventException(reason(e), e);
        }
        if (event == null) {
            throw new MalformedEventException("JSON null: expected a CloudEvents JSON object");
        }
        if (!type.type().equals(event.type())) {
            throw new MalformedEventException("type: expected \"" + type.type() + "\" but was \"" + event.type() + "\"");
        }
        return event;
    }

    public byte[] encode(CloudEvent<T> event) {
        if (!type.type().equals(event.type())) {
            throw new IllegalArgumentException("cannot encode a " + event.type() + " event as " + type.type());
        }
        try {
            return writer.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.id() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A one-line reason: where (the JSON path) and what, without Jackson's class names and source dumps. */
    static String reason(IOException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return mismatch.getOriginalMessage().startsWith("Trailing token")
                    ? "not valid JSON: " + firstLine(mismatch.getOriginalMessage())
                    : "expected a CloudEvents JSON object at the top level";
        }
        if (e instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String what = mapping instanceof ValueInstantiationException && mapping.getCause() != null
                    ? mapping.getCause().getMessage()
                    : mapping.getOriginalMessage();
            return (path.isEmpty() ? "" : path + ": ") + firstLine(what);
        }
        if (e instanceof JacksonException jackson) {
            return "not valid JSON: " + firstLine(jackson.getOriginalMessage());
        }
        return "unreadable record: " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
