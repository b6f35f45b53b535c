package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.GroundTruth;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo passes only when every run was caught with the right signature and root cause and nothing else fired. */
class ScorecardTest {

    private static final Instant T = Instant.parse("2025-11-05T20:43:00Z");

    @Test
    void everyRunRightIsAPass() {
        List<ScoreRecord> scores = List.of(score("incident-3", true, true, true, List.of()), score("incident-5", true, true, true, List.of()));
        assertThat(Scorecard.passed(scores, 2)).isTrue();
        assertThat(Scorecard.table(scores)).contains("incident-3").contains("PASS").doesNotContain("FAIL");
    }

    @Test
    void aWrongRootCauseAFalsePositiveOrAMissingRunIsAFail() {
        ScoreRecord wrongRoot = score("incident-3", true, true, false, List.of());
        ScoreRecord falsePositive = score("incident-5", true, true, true, List.of("kind-sockshop.sock-shop.latency-degradation.front-end.1"));
        assertThat(Scorecard.passed(List.of(wrongRoot), 1)).isFalse();
        assertThat(Scorecard.passed(List.of(falsePositive), 1)).isFalse();
        assertThat(Scorecard.passed(List.of(score("incident-3", true, true, true, List.of())), 2)).as("a run without a score").isFalse();
        assertThat(Scorecard.table(List.of(wrongRoot))).contains("FAIL (got dependency-down-inconsistency / orders)");
    }

    private static ScoreRecord score(String scenario, boolean detected, boolean signature, boolean root, List<String> falsePositives) {
        return new ScoreRecord("run-" + scenario, scenario, "kind-sockshop/sock-shop",
                new GroundTruth("dependency-down-inconsistency", "payment", FaultType.DEPENDENCY_UNAVAILABLE), T, T.plusSeconds(30),
                ScoreStatus.FINAL, detected, signature, root, 6.3, "incident-id", "dependency-down-inconsistency",
                root ? "payment" : "orders", falsePositives);
    }
}
