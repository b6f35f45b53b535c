package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark 6 as a small test: two correlator instances (same application id, exactly-once, RocksDB)
 * on one machine split the six partitions and produce exactly the findings one instance produces.
 */
class ScaleOutTest {

    @Test
    void twoInstancesSplitThePartitionsAndProduceTheSameFindingsAsOne(@TempDir Path work) throws Exception {
        JsonNode s = SmokeRun.run(work, "6").get("scaleOut");
        assertThat(s.get("partitionsPerInstance").asText()).isEqualTo("[3, 3]");
        assertThat(s.get("incidents").asInt()).as("incidents in the data set").isGreaterThanOrEqualTo(2);
        assertThat(s.get("sameFindings").asBoolean()).as(s.path("differences").asText()).isTrue();
    }
}
