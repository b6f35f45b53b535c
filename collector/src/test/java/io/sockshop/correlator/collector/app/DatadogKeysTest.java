package io.sockshop.correlator.collector.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the Datadog keys come from, and the start-up failure that names what is missing. */
class DatadogKeysTest {

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of(Map.of(), "API key and application key are missing"),
                Arguments.of(Map.of("DD_APP_KEY", "app-123456"), "API key is missing"),
                Arguments.of(Map.of("DD_API_KEY", "api-123456"), "application key is missing"),
                Arguments.of(Map.of("DD_API_KEY", "   ", "DD_APP_KEY", "app-123456"), "API key is missing"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("missing")
    void startUpFailsNamingWhatIsMissingAndWhereToPutIt(Map<String, String> env, String expected) {
        assertThatThrownBy(() -> DatadogKeys.resolve(env, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("collector.datadog.enabled=true")
                .hasMessageContaining(expected)
                .hasMessageContaining("DD_API_KEY")
                .satisfies(e -> env.values().stream().filter(v -> !v.isBlank())
                        .forEach(v -> assertThat(e.getMessage()).doesNotContain(v)));
    }

    @Test
    void environmentKeysAreTrimmedAndNeverPrinted() {
        DatadogKeys.Keys keys = DatadogKeys.resolve(Map.of("DD_API_KEY", " api-123456\n", "DD_APPLICATION_KEY", "app-654321"),
                Optional.empty());

        assertThat(keys.apiKey().reveal()).isEqualTo("api-123456");
        assertThat(keys.applicationKey().reveal()).isEqualTo("app-654321");
        assertThat(keys.toString()).doesNotContain("api-123456", "app-654321");
    }

    @Test
    void aMountedSecretFillsWhatTheEnvironmentLacks(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("api-key"), "file-api-123456\n");
        Files.writeString(dir.resolve("application-key"), "file-app-123456\n");

        DatadogKeys.Keys fromFiles = DatadogKeys.resolve(Map.of(), Optional.of(dir));
        DatadogKeys.Keys envFirst = DatadogKeys.resolve(Map.of("DD_API_KEY", "env-api-123456"), Optional.of(dir));

        assertThat(fromFiles.apiKey().reveal()).isEqualTo("file-api-123456");
        assertThat(fromFiles.applicationKey().reveal()).isEqualTo("file-app-123456");
        assertThat(envFirst.apiKey().reveal()).isEqualTo("env-api-123456");
        assertThat(envFirst.applicationKey().reveal()).isEqualTo("file-app-123456");
    }

    @Test
    void aMountedSecretWithoutTheApplicationKeyNamesTheDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("api-key"), "file-api-123456");

        assertThatThrownBy(() -> DatadogKeys.resolve(Map.of(), Optional.of(dir)))
                .hasMessageContaining("application key is missing")
                .hasMessageContaining(dir.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("file-api-123456"));
    }
}
