package io.sockshop.correlator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The published JSON Schemas and examples under docs/schemas, as a reader of the docs finds them. */
final class ContractDocs {

    static final String SCHEMA_BASE = "https://sockshop-correlator.io/schemas/";
    static final Path DIRECTORY = Path.of(System.getProperty("contract.docs.dir", "../docs/schemas"));

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, DIRECTORY.toUri().toString())));
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private ContractDocs() {
    }

    static JsonSchema schema(EventType<?> type) {
        return FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE + type.schema()), CONFIG);
    }

    static Set<ValidationMessage> validate(EventType<?> type, JsonNode event) {
        return schema(type).validate(event);
    }

    /** {@code k8s-object.v1.schema.json} has the example {@code examples/k8s-object.v1.json}. */
    static Path example(EventType<?> type) {
        return DIRECTORY.resolve("examples").resolve(type.schema().replace(".schema.json", ".json"));
    }

    static byte[] exampleBytes(EventType<?> type) {
        try {
            return Files.readAllBytes(example(type));
        } catch (IOException e) {
            throw new UncheckedIOException("no example for " + type.type() + " at " + example(type), e);
        }
    }

    static JsonNode exampleTree(EventType<?> type) {
        try {
            return Json.mapper().readTree(exampleBytes(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
