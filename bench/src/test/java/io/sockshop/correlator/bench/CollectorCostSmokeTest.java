package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark 5 at smoke size, against the packaged collector: calls are counted, 50 namespaces share
 * the queries of one (one logs search and one query per metric cover all of them), and intake
 * records reach Kafka.
 */
class CollectorCostSmokeTest {

    @Test
    void fiftyNamespacesShareTheCallsOfOneAndEveryAcceptedIntakeRecordIsPublished(@TempDir Path work) throws Exception {
        JsonNode c = SmokeRun.run(work, "5").get("collector");
        JsonNode one = c.get("namespaces1");
        JsonNode fifty = c.get("namespaces50");
        assertThat(one.get("logsSearchesPerHour").asLong()).isPositive();
        assertThat(one.get("metricQueriesPerHour").asLong()).isPositive();
        assertThat(fifty.get("logsSearchesPerHour").asLong()).isPositive();
        assertThat(fifty.get("metricQueriesPerHour").asLong()).isPositive();
        assertThat(fifty.get("namespacesPerLogsSearch").asInt()).isEqualTo(50);
        assertThat(fifty.get("namespacesPerMetricQuery").asInt()).isEqualTo(50);
        assertThat(one.get("namespacesPerLogsSearch").asInt()).isEqualTo(1);
        // A window holds one or two cycles of each poller: per-namespace polling would be 50 times more.
        assertThat(fifty.get("logsSearchesPerHour").asLong()).isLessThanOrEqualTo(2 * one.get("logsSearchesPerHour").asLong());
        assertThat(fifty.get("metricQueriesPerHour").asLong()).isLessThanOrEqualTo(2 * one.get("metricQueriesPerHour").asLong());
        assertThat(fifty.get("documentedMetricsPerHour").asLong()).isEqualTo(one.get("documentedMetricsPerHour").asLong());
        assertThat(c.get("intakeAccepted").asLong()).isPositive();
        assertThat(c.get("intakePublished").asLong()).isEqualTo(c.get("intakeAccepted").asLong());
        assertThat(c.get("intakeRefusedRequests").asLong()).isZero();
    }
}
