package io.sockshop.correlator.injector.scenario;

import io.sockshop.correlator.injector.InjectorException;
import io.sockshop.correlator.injector.load.LoadSettings;
import io.sockshop.correlator.injector.load.LocustLoad;
import io.sockshop.correlator.injector.plan.PlanBuilder;
import io.sockshop.correlator.injector.plan.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenario files: the shipped ones, a user's directory, and clear errors for broken files. */
class ScenarioLoaderTest {

    private final PlanBuilder planner = new PlanBuilder(new LocustLoad(LoadSettings.defaults()));

    private static final String USER_SCENARIO = """
            id: carts-down
            title: Carts scaled to 0 while shoppers add socks
            expected:
              signature: dependency-down-inconsistency
              rootCauseService: carts
              faultType: dependency-unavailable
            parameters:
              duration:
                defaultValue: 3m
            steps:
              - action: start-load
                users: "20"
                spawnRate: "5"
              - action: scale
                deployment: carts
                replicas: 0
              - action: wait
                duration: ${duration}
            """;

    @Test
    void shipsOneScenarioPerGuideIncidentWithTheGuidesParameters() {
        List<Scenario> shipped = ScenarioLoader.shipped();
        ScenarioCatalog catalog = new ScenarioCatalog(shipped, planner::validate);
        assertThat(catalog.all()).extracting(Scenario::incident).containsExactly(1, 2, 4, 3, 5, 8);
        assertThat(catalog.get("incident-1").defaults()).containsEntry("users", "3000").containsEntry("duration", "5m");
        assertThat(catalog.get("incident-2").defaults()).containsEntry("users", "750").containsEntry("duration", "8m");
        assertThat(catalog.get("incident-4").defaults()).containsEntry("users", "500");
        assertThat(catalog.get("incident-3").defaults()).containsEntry("users", "10").containsEntry("duration", "2m");
        assertThat(catalog.get("incident-5").defaults()).containsEntry("duration", "4m");
        assertThat(catalog.get("incident-8").defaults()).containsEntry("cpuLimit", "50m").containsEntry("memoryLimit", "128Mi")
                .containsEntry("recoveryCpu", "500m").containsEntry("recoveryMemory", "512Mi");
    }

    @Test
    void overridesShortenARunAsTheDemoDoes() {
        Scenario scenario = new ScenarioCatalog(ScenarioLoader.shipped(), planner::validate).get("incident-5");
        RunPlan plan = planner.build(scenario, "incident-5-abcdef12", "kind-sockshop", "sock-shop",
                Map.of("warmup", "5s", "duration", "20s"));
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(25));
        assertThat(plan.parameters()).containsEntry("duration", "20s").containsEntry("users", "10");
        assertThat(plan.lockKeys()).containsExactly("sock-shop/front-end", "sock-shop/queue-master");
    }

    @Test
    void addsTheUsersScenariosFromADirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("carts-down.yaml"), USER_SCENARIO);
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        List<Scenario> all = new ArrayList<>(ScenarioLoader.shipped());
        all.addAll(ScenarioLoader.directory(dir));
        ScenarioCatalog catalog = new ScenarioCatalog(all, planner::validate);
        Scenario carts = catalog.get("carts-down");
        assertThat(carts.origin()).endsWith("carts-down.yaml");
        RunPlan plan = planner.build(carts, "carts-down-00000001", "kind-sockshop", "sock-shop", Map.of());
        assertThat(plan.kubectl()).contains("kubectl -n sock-shop scale deployment/carts --replicas=0", "sleep 180");
    }

    @Test
    void aUserScenarioCannotReplaceAShippedOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), USER_SCENARIO.replace("id: carts-down", "id: incident-3"));
        List<Scenario> all = new ArrayList<>(ScenarioLoader.shipped());
        all.addAll(ScenarioLoader.directory(dir));
        assertThatThrownBy(() -> new ScenarioCatalog(all, planner::validate))
                .hasMessageContaining("'incident-3' is declared twice")
                .hasMessageContaining("classpath:/scenarios/incident-3.yaml").hasMessageContaining("mine.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "misspelt field|replicas: 0|replica: 0|Unrecognized field \"replica\"",
            "unknown action|action: scale|action: explode|unknown action 'explode'",
            "unknown fault type|faultType: dependency-unavailable|faultType: gremlins|unknown fault type 'gremlins'",
            "undeclared parameter|duration: ${duration}|duration: ${length}|${length}, which is not a declared parameter",
            "bad replicas|replicas: 0|replicas: -1|replicas must be between 0 and 100",
            "bad id|id: carts-down|id: Carts Down|id must be 1-40 lowercase letters",
            "load without wait|  - action: wait\\n    duration: ${duration}\\n|\\n|no wait follows it"})
    void aBrokenFileFailsAtLoadWithAClearMessage(String name, String from, String to, String message) {
        String text = USER_SCENARIO.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertThat(text).isNotEqualTo(USER_SCENARIO);
        assertThatThrownBy(() -> {
            Scenario scenario = ScenarioLoader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    "carts-down.yaml");
            new ScenarioCatalog(List.of(scenario), planner::validate);
        }).hasMessageContaining("carts-down.yaml").hasMessageContaining(message);
    }

    @Test
    void unknownOverridesAreRefused() {
        Scenario scenario = ScenarioLoader.shipped().get(0);
        assertThatThrownBy(() -> planner.build(scenario, "incident-1-00000000", "c", "sock-shop", Map.of("userz", "5")))
                .isInstanceOf(InjectorException.class).hasMessageContaining("unknown parameter 'userz'");
    }
}
