package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Benchmark 5 at smoke size, against the packaged collector: calls are counted per namespace and intake records reach Kafka. */
class CollectorCostSmokeTest {

    @Test
    void callsAreCountedPerNamespaceAndEveryAcceptedIntakeRecordIsPublished(@TempDir Path work) throws Exception {
        JsonNode c = SmokeRun.run(work, "5").get("collector");
        JsonNode one = c.get("namespaces1");
        JsonNode fifty = c.get("namespaces50");
        assertThat(one.get("logsSearchesPerHour").asLong()).isPositive();
        assertThat(one.get("metricQueriesPerHour").asLong()).isPositive();
        assertThat(fifty.get("logsSearchesPerHour").asLong()).isGreaterThan(one.get("logsSearchesPerHour").asLong());
        assertThat(fifty.get("documentedMetricsPerHour").asLong()).isEqualTo(50 * one.get("documentedMetricsPerHour").asLong());
        assertThat(c.get("intakeAccepted").asLong()).isPositive();
        assertThat(c.get("intakePublished").asLong()).isEqualTo(c.get("intakeAccepted").asLong());
        assertThat(c.get("intakeRefusedRequests").asLong()).isZero();
    }
}
