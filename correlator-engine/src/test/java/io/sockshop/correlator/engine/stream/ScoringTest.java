package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.Fixtures;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.GroundTruth;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.injection.InjectionPhase;
import io.sockshop.correlator.model.injection.InjectionStep;
import io.sockshop.correlator.model.injection.TargetRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sockshop.correlator.engine.fixtures.GuideIncidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Ground-truth scoring joined per application, in event time: PENDING during the run, FINAL after its grace period. */
class ScoringTest {

    static final GroundTruth PAYMENT = new GroundTruth(Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment",
            FaultType.DEPENDENCY_UNAVAILABLE);

    static List<CloudEvent<InjectionEvent>> run(String runId, String scenario, GroundTruth expected, double start,
                                                double end, String target) {
        List<CloudEvent<InjectionEvent>> out = new ArrayList<>();
        InjectionPhase[] phases = {InjectionPhase.PLANNED, InjectionPhase.STARTED, InjectionPhase.STEP_APPLIED,
                InjectionPhase.RESTORE_STARTED, InjectionPhase.RESTORED, InjectionPhase.COMPLETED};
        double[] at = {start - 5, start - 1, start, end - 1, end, end + 1};
        for (int i = 0; i < phases.length; i++) {
            InjectionEvent e = new InjectionEvent(runId, scenario, phases[i], i, "kind-sockshop", "sock-shop", expected,
                    List.of(new TargetRef("Deployment", "sock-shop", target, null)),
                    phases[i] == InjectionPhase.STEP_APPLIED ? new InjectionStep(0, "scale",
                            "kubectl -n sock-shop scale deployment/" + target + " --replicas=0") : null,
                    null, false, Map.of("durationSeconds", "180"));
            out.add(Events.injection(e, T0.plusMillis(Math.round(at[i] * 1000))));
        }
        return out;
    }

    static List<CloudEvent<?>> merge(List<CloudEvent<?>> a, List<? extends CloudEvent<?>> b) {
        List<CloudEvent<?>> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(java.util.Comparator.comparing(CloudEvent::time));
        return all;
    }

    @Test
    void aDetectedRunIsScoredWithTimeToDetectAndBecomesFinalAfterItsGracePeriod() {
        List<CloudEvent<?>> events = merge(GuideIncidents.paymentDown(Names.SOCK_SHOP).events(),
                run("run-3", "incident-3", PAYMENT, 600, 780, "payment"));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            var scores = h.scores();
            assertThat(scores).isNotEmpty().allSatisfy(r -> assertThat(r.key()).isEqualTo("run-3"));
            assertThat(scores.get(0).value().data().status()).isEqualTo(ScoreStatus.PENDING);
            ScoreRecord last = scores.get(scores.size() - 1).value().data();
            assertThat(last.status()).isEqualTo(ScoreStatus.FINAL);
            assertThat(last.detected()).isTrue();
            assertThat(last.signatureCorrect()).isTrue();
            assertThat(last.rootCauseCorrect()).isTrue();
            assertThat(last.detectedRootCauseService()).isEqualTo("payment");
            assertThat(last.injectionStartedAt()).isEqualTo(T0.plusSeconds(599));
            assertThat(last.injectionEndedAt()).isEqualTo(T0.plusSeconds(781));
            assertThat(last.timeToDetectSeconds()).isEqualTo(33.0);
            assertThat(last.falsePositiveIncidentIds()).isEmpty();
            assertThat(scores.get(scores.size() - 1).getRecordTime())
                    .isEqualTo(T0.plusSeconds(781).plus(CorrelatorConfig.defaults().scoringGrace()));
            assertThat(scores.stream().filter(r -> r.value().data().status() == ScoreStatus.FINAL)).hasSize(1);
        }
    }

    @Test
    void anIncidentInTheRunWindowThatMatchesNoInjectionIsAFalsePositive() {
        Scenario s = GuideIncidents.paymentDown(Names.SOCK_SHOP);
        Fixtures f = s.fixtures();
        s.add(620, f.deployment(620, "queue-master", 0, 0));
        for (double t = 640; t < 760; t += 30) {
            s.add(t, f.shipmentQueued(t));
        }
        s.add(770, f.deployment(770, "queue-master", 1, 1));
        List<CloudEvent<?>> events = merge(s.events(), run("run-3b", "incident-3", PAYMENT, 600, 780, "payment"));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            var scores = h.scores();
            ScoreRecord last = scores.get(scores.size() - 1).value().data();
            assertThat(last.status()).isEqualTo(ScoreStatus.FINAL);
            assertThat(last.signatureCorrect()).isTrue();
            assertThat(last.falsePositiveIncidentIds()).singleElement().asString()
                    .contains(Signatures.PUBLISHER_ACTIVE_CONSUMER_ABSENT);
        }
    }

    @Test
    void aRunWithoutDetectionIsScoredUndetected() {
        List<CloudEvent<?>> events = merge(new Scenario(new Fixtures(Names.SOCK_SHOP, T0))
                        .addAll(0, new Fixtures(Names.SOCK_SHOP, T0).steadyCluster(0)).background(0, 1500).events(),
                run("run-quiet", "incident-3", PAYMENT, 600, 780, "payment"));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            var scores = h.scores();
            ScoreRecord last = scores.get(scores.size() - 1).value().data();
            assertThat(last.status()).isEqualTo(ScoreStatus.FINAL);
            assertThat(last.detected()).isFalse();
            assertThat(last.signatureCorrect()).isFalse();
            assertThat(last.matchedIncidentId()).isNull();
        }
    }
}
