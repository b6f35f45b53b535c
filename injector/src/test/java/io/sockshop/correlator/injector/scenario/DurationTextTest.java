package io.sockshop.correlator.injector.scenario;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"90s,90000", "2m,120000", "1h30m,5400000", "500ms,500", "120,120000", "PT2M,120000", "pt30s,30000",
            "1.5m,90000", "0s,0"})
    void parsesWhatPeopleWrite(String text, long millis) {
        assertThat(DurationText.parse(text, "duration")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5 minutes", "m5", "5x", "-5s", "PT-5S", "", "5m5"})
    void refusesAnythingElseNamingTheField(String text) {
        assertThatThrownBy(() -> DurationText.parse(text, "step 1 (wait) duration"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 1 (wait) duration");
    }

    @ParameterizedTest
    @CsvSource({"120000,2m", "90000,1m30s", "5400000,1h30m", "250,250ms", "0,0s"})
    void formatsShortest(long millis, String text) {
        assertThat(DurationText.format(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
