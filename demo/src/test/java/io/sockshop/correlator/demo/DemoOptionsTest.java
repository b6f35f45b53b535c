package io.sockshop.correlator.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void byDefaultEveryGuideIncidentRuns() {
        DemoMain.Options options = DemoMain.Options.parse(new String[0]);
        assertThat(options.scenarios()).extracting(DemoScenario::id)
                .containsExactlyInAnyOrder("incident-1", "incident-2", "incident-3", "incident-4", "incident-5", "incident-8");
        assertThat(options.keepRunning()).isFalse();
    }

    @Test
    void oneScenarioKeepRunningAndADataDirectory() {
        DemoMain.Options options = DemoMain.Options.parse(new String[]{"--scenario", "incident-5", "--keep-running",
                "--data-dir", "/tmp/demo-x"});
        assertThat(options.scenarios()).extracting(DemoScenario::id).containsExactly("incident-5");
        assertThat(options.keepRunning()).isTrue();
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/tmp/demo-x"));
    }

    @Test
    void badOptionsNameWhatIsWrong() {
        assertThatThrownBy(() -> DemoMain.Options.parse(new String[]{"--scenario", "incident-9"}))
                .hasMessageContaining("unknown scenario 'incident-9'");
        assertThatThrownBy(() -> DemoMain.Options.parse(new String[]{"--data-dir"})).hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> DemoMain.Options.parse(new String[]{"--fast"})).hasMessage("unknown option --fast");
    }
}
