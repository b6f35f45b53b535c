package io.sockshop.correlator.injector.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads scenario files (YAML). Strict: an unknown field is an error, because a misspelt
 * {@code replicas} must not turn into a step that silently does something else.
 */
public final class ScenarioLoader {

    /** The scenarios shipped in the jar, one per incident of the guide. */
    public static final List<String> SHIPPED = List.of(
            "incident-1", "incident-2", "incident-4", "incident-3", "incident-5", "incident-8");

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ScenarioLoader() {
    }

    public static List<Scenario> shipped() {
        List<Scenario> scenarios = new ArrayList<>();
        for (String id : SHIPPED) {
            String resource = "/scenarios/" + id + ".yaml";
            try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("shipped scenario " + resource + " is missing from the jar");
                }
                scenarios.add(read(in, "classpath:" + resource));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return scenarios;
    }

    /** Every {@code *.yaml} / {@code *.yml} file of the directory, in name order. */
    public static List<Scenario> directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("scenario directory " + dir + " does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Scenario> scenarios = new ArrayList<>();
            for (Path file : files.filter(ScenarioLoader::isYaml).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    scenarios.add(read(in, file.toString()));
                }
            }
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario directory " + dir, e);
        }
    }

    public static Scenario read(InputStream in, String origin) throws IOException {
        try {
            Scenario scenario = YAML.readValue(in, Scenario.class);
            if (scenario == null) {
                throw new IllegalArgumentException(origin + ": the file is empty");
            }
            return new Scenario(scenario.id(), scenario.title(), scenario.incident(), scenario.description(),
                    scenario.expected(), scenario.parameters(), scenario.steps(), origin);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": " + rootMessage(e), e);
        }
    }

    /** Jackson wraps the record's own complaint; the innermost message is the one a person can act on. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String location = e instanceof JsonProcessingException json && json.getLocation() != null
                ? " (line " + json.getLocation().getLineNr() + ")" : "";
        String message = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        return message + location;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
