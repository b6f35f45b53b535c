package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.finding.Confidence;
import io.sockshop.correlator.model.finding.Evaluation;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.SignatureRef;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A refined first hypothesis reads as such, not as a second incident that resolved. */
class ConsoleTest {

    static Finding latency(IncidentStatus status, String supersededBy) {
        Instant t = Instant.parse("2025-11-05T20:10:00Z");
        String id = "kind-sockshop.sock-shop.latency-degradation.front-end.1762373400";
        return new Finding("finding/" + id + "/3", id, 3, "kind-sockshop/sock-shop", new SignatureRef("latency-degradation", 1),
                status, Severity.MEDIUM, new Confidence(0.8, List.of("slow")), "front-end slow", "front-end answers slowly",
                new RootCause("front-end", "Deployment", "front-end", "CPU-bound"), List.of("front-end"), List.of(),
                new Impact(0, null, 0, null, null, null, 3000.0, 120.0, null, null, null), null, t, t, t,
                new Evaluation(true, List.of("front-end"), FaultType.PERFORMANCE_DEGRADATION), supersededBy);
    }

    static String print(Finding f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8)).finding(f);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSupersededIncidentSaysWhatRefinedIt() {
        String out = print(latency(IncidentStatus.RESOLVED,
                "kind-sockshop.sock-shop.entrypoint-crash-backend-latency.front-end.1762373620"));
        assertThat(out).contains("REFINED").contains("latency-degradation")
                .contains("superseded by entrypoint-crash-backend-latency.front-end.1762373620").doesNotContain("RESOLVED");
    }

    @Test
    void aResolvedIncidentShowsItsImpact() {
        String out = print(latency(IncidentStatus.RESOLVED, null));
        assertThat(out).contains("RESOLVED").contains("peak latency 3000 ms (baseline 120 ms)").doesNotContain("superseded");
    }
}
