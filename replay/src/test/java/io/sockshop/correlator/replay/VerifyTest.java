package io.sockshop.correlator.replay;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** verify runs a recording through the correlator's topology, deterministically, and diffs the findings. */
class VerifyTest {

    private static final List<RecordedRecord> PAYMENT_DOWN = Recordings.of(GuideIncidents.paymentDown(Names.SOCK_SHOP).events());

    @Test
    void theSameRecordingGivesTheSameFindingsEveryTime() {
        Verifier verifier = new Verifier(CorrelatorConfig.defaults());
        Verifier.Result first = verifier.run(PAYMENT_DOWN);
        Verifier.Result second = new Verifier(CorrelatorConfig.defaults()).run(PAYMENT_DOWN);
        assertThat(first.findings()).isNotEmpty().isEqualTo(second.findings());
        assertThat(first.findings().get(0)).contains("\"dependency-down-inconsistency\"").contains("\"service\":\"payment\"");
        assertThat(first.inputRecords()).isEqualTo(PAYMENT_DOWN.size());
        assertThat(FindingsDiff.compare(first.findings(), second.findings(), Set.of())).isEmpty();
    }

    @Test
    void aDoctoredRecordingFailsWithAReadableDiff() {
        List<String> golden = new Verifier(CorrelatorConfig.defaults()).run(PAYMENT_DOWN).findings();
        List<RecordedRecord> doctored = new ArrayList<>(PAYMENT_DOWN);
        doctored.removeIf(r -> r.value() != null && r.value().path("data").path("message").asText().contains("PAYMENT_FAILED"));
        List<String> differences = FindingsDiff.compare(golden, new Verifier(CorrelatorConfig.defaults()).run(doctored).findings(), Set.of());
        assertThat(differences).isNotEmpty();
        assertThat(String.join("\n", differences)).containsAnyOf("- missing", "~ changed");
    }

    @Test
    void aChangedFieldIsNamedWithGoldenAndNowValues() throws Exception {
        List<String> golden = new Verifier(CorrelatorConfig.defaults()).run(PAYMENT_DOWN).findings();
        List<String> edited = new ArrayList<>(golden);
        com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(golden.get(0));
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.path("data").path("rootCause")).put("service", "orders");
        edited.set(0, first.toString());
        List<String> differences = FindingsDiff.compare(edited, golden, Set.of());
        assertThat(differences.get(0)).startsWith("~ changed  finding/");
        assertThat(differences).anyMatch(d -> d.contains("/data/rootCause/service: golden \"orders\", now \"payment\""));
        assertThat(FindingsDiff.compare(edited, golden, Set.of("/data/rootCause/service"))).isEmpty();
    }

    @Test
    void commandLineExitsZeroOnAMatchOneOnADiffTwoOnBadUsage(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("incident-3.ndjson");
        Files.write(recording, PAYMENT_DOWN.stream().map(RecordingFormat::line).toList(), StandardCharsets.UTF_8);
        Path golden = dir.resolve("incident-3.golden.ndjson");
        assertThat(run("verify", "--in", recording.toString(), "--write-golden", golden.toString())).isZero();
        assertThat(run("verify", "--in", recording.toString(), "--golden", golden.toString())).isZero();

        Files.writeString(golden, Files.readString(golden).replaceFirst("\"severity\":\"[A-Z]+\"", "\"severity\":\"LOW\""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = ReplayMain.run(new String[]{"verify", "--in", recording.toString(), "--golden", golden.toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("difference(s) against").contains("/data/severity: golden \"LOW\"");

        assertThat(run("verify", "--in", recording.toString())).isEqualTo(2);
        assertThat(run("verify", "--in", dir.resolve("absent.ndjson").toString(), "--golden", golden.toString())).isEqualTo(2);
    }

    @Test
    void aTopologyFileLetsTheSameRecordingOfARenamedShopVerify(@TempDir Path dir) throws Exception {
        List<RecordedRecord> renamed = Recordings.of(GuideIncidents.paymentDown(Names.RENAMED).events());
        Path recording = dir.resolve("renamed.ndjson");
        Files.write(recording, renamed.stream().map(RecordingFormat::line).toList(), StandardCharsets.UTF_8);
        Path topology = dir.resolve("renamed.yaml");
        try (var in = getClass().getResourceAsStream("/topology/renamed.yaml")) {
            Files.write(topology, in.readAllBytes());
        }
        Path golden = dir.resolve("renamed.golden.ndjson");
        assertThat(run("verify", "--in", recording.toString(), "--topology", topology.toString(), "--write-golden",
                golden.toString())).isZero();
        assertThat(Files.readString(golden)).contains("\"service\":\"" + Names.RENAMED.s("payment") + "\"");
        assertThat(run("verify", "--in", recording.toString(), "--topology", topology.toString(), "--golden",
                golden.toString())).isZero();
    }

    private static int run(String... args) {
        return ReplayMain.run(args);
    }
}
