package io.sockshop.correlator.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockshop.correlator.model.kafka.CloudEventSerde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type has a schema and an example in docs/schemas; the example is valid under the
 * schema, decodes, and survives a round trip through the codec and the Kafka serde unchanged; what
 * the codec writes is valid under the schema too.
 */
class ContractExamplesTest {

    static List<EventType<?>> types() {
        return EventType.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void exampleIsValidUnderItsSchema(EventType<?> type) {
        assertThat(ContractDocs.validate(type, ContractDocs.exampleTree(type))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void exampleDecodesAndRoundTrips(EventType<T> type) throws Exception {
        EventCodec<T> codec = new EventCodec<>(type);
        CloudEvent<T> decoded = codec.decode(ContractDocs.exampleBytes(type));
        assertThat(decoded.type()).isEqualTo(type.type());
        assertThat(decoded.data()).isInstanceOf(type.dataClass());

        byte[] encoded = codec.encode(decoded);
        assertThat(codec.decode(encoded)).isEqualTo(decoded);

        JsonNode written = Json.mapper().readTree(encoded);
        assertThat(ContractDocs.validate(type, written)).as("what the codec writes").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void exampleRoundTripsThroughTheKafkaSerde(EventType<T> type) {
        CloudEventSerde<T> serde = new CloudEventSerde<>(type);
        CloudEvent<T> event = serde.codec().decode(ContractDocs.exampleBytes(type));
        byte[] bytes = serde.serializer().serialize("topic", event);
        assertThat(serde.deserializer().deserialize("topic", bytes)).isEqualTo(event);
        assertThat(serde.deserializer().deserialize("topic", null)).as("tombstone").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void exampleCarriesItsApplicationKeyAsPartitionKey(EventType<?> type) {
        JsonNode example = ContractDocs.exampleTree(type);
        assertThat(example.path("partitionkey").asText()).isNotBlank();
        assertThat(example.path("time").asText()).isNotBlank();
    }
}
