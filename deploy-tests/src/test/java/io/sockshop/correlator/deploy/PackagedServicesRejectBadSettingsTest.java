package io.sockshop.correlator.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad configuration stops each packaged service at start-up with a message that names the setting:
 * the jar an operator runs, not a test profile. Kafka points at a closed port so that no check can
 * pass by accident of a reachable broker, and every case must fail long before a Kafka timeout.
 */
class PackagedServicesRejectBadSettingsTest {

    private static final String NO_KAFKA = "localhost:1";

    static Stream<Arguments> badSettings() {
        return Stream.of(
                // service, settings, environment, text the failure must contain
                Arguments.of("collector", List.of("-Dcollector.datadog.enabled=true"), Map.of(), "DD_API_KEY"),
                Arguments.of("collector", List.of("-Dcollector.kubernetes.events-api=banana"), Map.of(),
                        "collector.kubernetes.events-api"),
                Arguments.of("collector", List.of("-Dcollector.datadog.enabled=true",
                        "-Dcollector.datadog.base-url=not-a-url"), Map.of("DD_API_KEY", "k1-abcdef", "DD_APP_KEY", "k2-abcdef"),
                        "collector.datadog.base-url"),
                Arguments.of("injector", List.of("-Dinjector.default-namespace=kube-system"), Map.of(),
                        "injector.default-namespace"),
                Arguments.of("injector", List.of("-Dinjector.kubernetes.mode=banana"), Map.of(), "injector.kubernetes.mode"),
                Arguments.of("injector", List.of("-Dinjector.max-duration=soon"), Map.of(), "injector.max-duration"),
                Arguments.of("correlator", List.of("-Dcorrelator.partitions=0"), Map.of(), "correlator.partitions"),
                Arguments.of("correlator", List.of("-Dcorrelator.quiet-period=-1m"), Map.of(), "correlator.quiet-period"),
                Arguments.of("api", List.of(), Map.of(), "correlator.api.token"),
                Arguments.of("api", List.of("-Dcorrelator.api.sse.max-clients=0"), Map.of("CORRELATOR_API_TOKEN", "t0ken-abcdef"),
                        "correlator.api.sse.max-clients"),
                Arguments.of("api", List.of("-Dcorrelator.api.paging.max-page-size=-3"), Map.of("CORRELATOR_API_TOKEN", "t0ken-abcdef"),
                        "correlator.api.paging.max-page-size"),
                Arguments.of("api", List.of("-Dcorrelator.api.rate-limit.requests-per-second=0"),
                        Map.of("CORRELATOR_API_TOKEN", "t0ken-abcdef"), "correlator.api.rate-limit.requests-per-second"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badSettings")
    void stopsAndNamesTheSetting(String service, List<String> settings, Map<String, String> env, String named)
            throws Exception {
        Path jar = Repository.path(service + "/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("%s is built by the reactor before this module (run with -am)", jar).isRegularFile();
        Path output = Files.createTempFile("startup-" + service, ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=0", "-Dkafka.bootstrap.servers=" + NO_KAFKA,
                "-Dquarkus.kafka-streams.bootstrap-servers=" + NO_KAFKA));
        command.addAll(settings);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DD_") || k.startsWith("CORRELATOR_API_TOKEN")
                || k.equals("KAFKA_BOOTSTRAP_SERVERS") || k.equals("QUARKUS_PROFILE"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                fail(service + " was still running 90 s after start with " + settings + ": it accepted the setting\n"
                        + tail(output));
            }
            String log = Files.readString(output);
            assertThat(process.exitValue()).as("exit code of %s with %s\n%s", service, settings, tail(output)).isNotZero();
            assertThat(log).as("start-up failure of %s names the setting", service).contains(named);
            env.values().forEach(secret -> assertThat(log).as("a credential leaked into the log").doesNotContain(secret));
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(output);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
