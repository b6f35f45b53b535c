package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Benchmarks 1, 2 and 4 at smoke size: the harness measures something real and reports it consistently (no timing asserted). */
class ThroughputLatencyMemorySmokeTest {

    @Test
    void throughputLatencyAndMemoryProduceConsistentResults(@TempDir Path work) throws Exception {
        JsonNode r = SmokeRun.run(work, "1,2,4");

        JsonNode t = r.get("throughput");
        assertThat(t.get("records").asLong()).isEqualTo(4000);
        assertThat(t.get("plainRecordsPerSecond").asLong()).isPositive();
        assertThat(t.get("correlatorRecordsPerSecond").asLong()).isPositive();
        assertThat(t.get("ratio").asDouble()).isCloseTo(
                t.get("correlatorRecordsPerSecond").asDouble() / t.get("plainRecordsPerSecond").asDouble(), within(0.01));
        // Application 0 of the mix has guide incident 3: the correlator must have opened it.
        assertThat(t.get("openFindings").asLong()).isGreaterThanOrEqualTo(t.get("incidentApplications").asLong()).isPositive();
        assertThat(t.get("mix").asText()).contains("sockshop.datadog.logs.v1", "sockshop.datadog.metrics.v1", "sockshop.k8s.v1");

        JsonNode l = r.get("latency");
        assertThat(l.get("missed").asInt()).isZero();
        assertThat(l.get("incidents").asInt()).isEqualTo(5);
        assertThat(l.get("p50Ms").asDouble()).isPositive().isLessThanOrEqualTo(l.get("p99Ms").asDouble());
        assertThat(l.get("p99Ms").asDouble()).isLessThanOrEqualTo(l.get("maxMs").asDouble());

        JsonNode m = r.get("memory");
        assertThat(m.get("residentMiB").asLong()).isPositive();
        assertThat(m.get("residentPeakMiB").asLong()).isGreaterThanOrEqualTo(m.get("residentMiB").asLong());
        assertThat(m.get("heapLiveMiB").asLong()).isPositive().isLessThanOrEqualTo(m.get("heapCommittedMiB").asLong());
    }
}
