package io.sockshop.correlator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled recordings (recordings/ at the top of the repository: every guide incident, made with
 * the sandbox by the demo, docs/replay.md): each verifies against its golden findings with the
 * settings it was recorded under, each golden is the guide's incident, and a doctored recording fails
 * with a readable diff.
 */
class BundledRecordingsTest {

    static final Path DIR = Path.of(System.getProperty("sockshop.recordings", "../recordings"));
    static final Path SETTINGS = DIR.resolve("correlator.properties");

    /** What the guide says each incident is: signature and root cause. */
    static final Map<String, List<String>> GUIDE = Map.of(
            "incident-1", List.of("resource-exhaustion-crash", "front-end"),
            "incident-2", List.of("entrypoint-crash-backend-latency", "front-end"),
            "incident-3", List.of("dependency-down-inconsistency", "payment"),
            "incident-4", List.of("latency-degradation", "front-end"),
            "incident-5", List.of("publisher-active-consumer-absent", "queue-master"),
            "incident-8", List.of("datastore-throttle-cascade", "catalogue-db"));

    static Stream<String> incidents() {
        return GUIDE.keySet().stream().sorted();
    }

    @Test
    void everyGuideIncidentIsBundledWithItsGolden() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ndjson.gz")))
                    .containsExactlyInAnyOrderElementsOf(GUIDE.keySet().stream().map(i -> i + ".ndjson.gz").toList());
        }
        for (String incident : GUIDE.keySet()) {
            assertThat(DIR.resolve(incident + ".golden.ndjson")).isRegularFile();
        }
        assertThat(SETTINGS).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("incidents")
    void verifyPassesOnTheBundledRecording(String incident) {
        Run run = verify(recording(incident), DIR.resolve(incident + ".golden.ndjson"));
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("verify: OK");
    }

    @ParameterizedTest
    @MethodSource("incidents")
    void theGoldenIsTheGuidesIncidentAndNothingElse(String incident) throws IOException {
        List<JsonNode> findings = golden(DIR.resolve(incident + ".golden.ndjson"));
        Set<String> refined = new HashSet<>();
        findings.stream().filter(f -> f.path("data").hasNonNull("supersededBy"))
                .forEach(f -> refined.add(f.path("data").path("incidentId").asText()));
        Set<List<String>> stood = new HashSet<>();
        findings.stream().map(f -> f.path("data")).filter(d -> !refined.contains(d.path("incidentId").asText()))
                .forEach(d -> stood.add(List.of(d.path("signature").path("id").asText(), d.path("rootCause").path("service").asText())));
        assertThat(stood).as(incident).containsExactly(GUIDE.get(incident));
        assertThat(findings).as("the incident opens and resolves in the recording")
                .anyMatch(f -> f.path("data").path("status").asText().equals("OPEN"))
                .anyMatch(f -> f.path("data").path("status").asText().equals("RESOLVED"));
    }

    @Test
    void aRecordingWhoseRootCauseServiceIsRenamedFailsWithADiffNamingTheField(@TempDir Path dir) throws IOException {
        Path doctored = dir.resolve("incident-3-doctored.ndjson");
        // payment's deployment, pods, logs and metrics now say "billing": the orders still fail
        List<String> lines = new ArrayList<>();
        for (String line : lines(recording("incident-3"))) {
            lines.add(line.replace("\"payment", "\"billing").replace("payment-", "billing-").replace(":payment\"", ":billing\"")
                    .replace("=payment\"", "=billing\"").replace("/payment", "/billing"));
        }
        Files.write(doctored, lines, StandardCharsets.UTF_8);
        Run run = verify(doctored, DIR.resolve("incident-3.golden.ndjson"));
        assertThat(run.status()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).containsPattern("verify: \\d+ difference\\(s\\) against .*incident-3.golden.ndjson")
                .containsAnyOf("- missing  finding/", "~ changed  finding/");
    }

    @Test
    void aRecordingWithoutItsDecisiveRecordFailsWithADiff(@TempDir Path dir) throws IOException {
        // incident 5 without the messages shipping published (its log lines and the queue depth): a consumer
        // gone while nobody publishes is no incident
        Path doctored = dir.resolve("incident-5-doctored.ndjson");
        List<String> lines = lines(recording("incident-5"));
        List<String> kept = lines.stream()
                .filter(l -> !l.contains("Adding shipment to queue") && !l.contains("\"metric\":\"rabbitmq.queue.messages\"")).toList();
        assertThat(kept).as("the doctoring removed something").hasSizeLessThan(lines.size());
        Files.write(doctored, kept, StandardCharsets.UTF_8);
        Run run = verify(doctored, DIR.resolve("incident-5.golden.ndjson"));
        assertThat(run.status()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("difference(s) against").contains("publisher-active-consumer-absent");
    }

    record Run(int status, String out) {
    }

    static Path recording(String incident) {
        return DIR.resolve(incident + ".ndjson.gz");
    }

    /** The recording's lines, as a doctor would edit them after gunzip. */
    private static List<String> lines(Path gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static Run verify(Path recording, Path golden) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = ReplayMain.run(new String[]{"verify", "--in", recording.toString(), "--golden", golden.toString(),
                    "--settings", SETTINGS.toString()});
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return new Run(status, text);
    }

    private static List<JsonNode> golden(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> findings = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                findings.add(json.readTree(line));
            }
        }
        return findings;
    }
}
