package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo end to end, as its user runs it: the embedded broker, the sandbox, and the real
 * injector, collector, correlator and api as child JVMs (the packaged services of this build),
 * every guide incident one after another with the demo's timings. Each must end as the guide's
 * incident (signature and root cause), with nothing else fired, and the scorecard must pass.
 * Takes about five minutes: the incidents run in real time.
 */
class GuideIncidentsThroughThePipelineTest {

    /** What the guide says each incident is: signature and root cause (docs/signatures.md). */
    static final Map<String, List<String>> GUIDE = Map.of(
            "incident-1", List.of("resource-exhaustion-crash", "front-end"),
            "incident-2", List.of("entrypoint-crash-backend-latency", "front-end"),
            "incident-3", List.of("dependency-down-inconsistency", "payment"),
            "incident-4", List.of("latency-degradation", "front-end"),
            "incident-5", List.of("publisher-active-consumer-absent", "queue-master"),
            "incident-8", List.of("datastore-throttle-cascade", "catalogue-db"));

    @Test
    void everyGuideIncidentIsDetectedWithItsSignatureAndRootCauseAndNothingElseFires() throws Exception {
        Path home = Path.of(System.getProperty("sockshop.home", "..")).toAbsolutePath().normalize();
        for (String service : List.of("api", "collector", "correlator", "injector")) {
            assertThat(home.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"))
                    .as("the packaged %s (the reactor builds it before this module)", service).isRegularFile();
        }
        Path data = Files.createDirectories(Path.of("target", "pipeline-test-" + System.currentTimeMillis())).toAbsolutePath();
        List<DemoScenario> scenarios = DemoMain.Options.parse(new String[0]).scenarios();
        assertThat(scenarios).extracting(DemoScenario::id).containsExactlyInAnyOrderElementsOf(GUIDE.keySet());

        DemoRun.Result result;
        Console console = new Console(System.out);
        try (Pipeline pipeline = new Pipeline(home, data, console)) {
            pipeline.start();
            result = DemoRun.run(pipeline, scenarios, console);
        }
        System.out.println(Scorecard.table(result.scorecard()));

        for (DemoScenario scenario : scenarios) {
            String runId = result.runs().get(scenario);
            ScoreRecord score = result.scores().get(runId);
            List<String> expected = GUIDE.get(scenario.id());
            assertThat(score).as("%s: a score for run %s", scenario.id(), runId).isNotNull();
            assertThat(score.status()).as(scenario.id()).isEqualTo(ScoreStatus.FINAL);
            assertThat(score.expected().signature()).as("%s: the injector's ground truth", scenario.id()).isEqualTo(expected.get(0));
            assertThat(score.expected().rootCauseService()).as(scenario.id()).isEqualTo(expected.get(1));
            assertThat(score.detected()).as("%s detected", scenario.id()).isTrue();
            assertThat(List.of(score.detectedSignature(), score.detectedRootCauseService()))
                    .as("%s: signature and root cause", scenario.id()).isEqualTo(expected);
            assertThat(score.falsePositiveIncidentIds()).as("%s: nothing else fired", scenario.id()).isEmpty();
            Finding detected = result.findings().stream().filter(f -> f.incidentId().equals(score.matchedIncidentId()))
                    .findFirst().orElseThrow(() -> new AssertionError(scenario.id() + ": no finding of " + score.matchedIncidentId()));
            assertThat(List.of(detected.signature().id(), detected.rootCause().service())).as(scenario.id()).isEqualTo(expected);
        }

        Set<String> refined = result.findings().stream().filter(f -> f.supersededBy() != null).map(Finding::incidentId)
                .collect(Collectors.toSet());
        Set<List<String>> incidents = result.findings().stream().filter(f -> !refined.contains(f.incidentId()))
                .map(f -> List.of(f.signature().id(), f.rootCause() == null ? "-" : f.rootCause().service()))
                .collect(Collectors.toSet());
        assertThat(incidents).as("the incidents that stood (refined first hypotheses aside)")
                .containsExactlyInAnyOrderElementsOf(GUIDE.values());
        assertThat(result.findings().stream().filter(f -> !refined.contains(f.incidentId())).map(Finding::incidentId).distinct())
                .as("one incident per run").hasSize(GUIDE.size());
        assertThat(result.passed()).as("the scorecard's verdict").isTrue();
        assertThat(Scorecard.table(result.scorecard())).doesNotContain("FAIL");
    }
}
