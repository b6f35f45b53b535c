package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Minute slots are written as one packed binary value (base64 in the JSON state) instead of hundreds of
 * JSON numbers: the service state is written on every record that changes it, and printing doubles as
 * text was most of that cost.
 */
final class PackedSlots {

    private PackedSlots() {
    }

    static final class BaselineSerializer extends JsonSerializer<SlotBaseline> {
        @Override
        public void serialize(SlotBaseline value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeBinary(value.pack());
        }
    }

    static final class BaselineDeserializer extends JsonDeserializer<SlotBaseline> {
        @Override
        public SlotBaseline deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return SlotBaseline.unpack(ByteBuffer.wrap(p.getBinaryValue()));
        }
    }

    static final class CounterSerializer extends JsonSerializer<MinuteCounter> {
        @Override
        public void serialize(MinuteCounter value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeBinary(value.pack());
        }
    }

    static final class CounterDeserializer extends JsonDeserializer<MinuteCounter> {
        @Override
        public MinuteCounter deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return MinuteCounter.unpack(ByteBuffer.wrap(p.getBinaryValue()));
        }
    }
}
