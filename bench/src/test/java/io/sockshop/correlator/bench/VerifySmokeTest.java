package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Benchmark 3 at smoke size: every record of the recording is fed and its incident found. */
class VerifySmokeTest {

    @Test
    void verifyFeedsTheWholeRecordingAndFindsItsIncident(@TempDir Path work) throws Exception {
        JsonNode v = SmokeRun.run(work, "3").get("verify");
        assertThat(v.get("records").asLong()).isEqualTo(4000);
        assertThat(v.get("topologyRecordsPerSecond").asLong()).isPositive();
        assertThat(v.get("commandRecordsPerSecond").asLong()).isPositive().isLessThanOrEqualTo(v.get("topologyRecordsPerSecond").asLong());
        assertThat(v.get("findings").asLong()).isPositive();
    }
}
