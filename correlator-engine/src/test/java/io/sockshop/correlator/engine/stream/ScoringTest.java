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

    static final GroundTruth QUEUE_MASTER = new GroundTruth(Signatures.PUBLISHER_ACTIVE_CONSUMER_ABSENT, "queue-master",
            FaultType.CONSUMER_UNAVAILABLE);

    static ScoreRecord finalScore(Harness h, String runId) {
        return h.scores().stream().filter(r -> r.key().equals(runId)).map(r -> r.value().data())
                .filter(r -> r.status() == ScoreStatus.FINAL).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void anIncidentBelongsToTheRunActiveWhenItWasDetectedNotToAnEarlierRunStillInItsGrace() {
        // run-5 ends at 598 s; its 5-minute grace still lasts when run-3's payment incident is detected at 632 s
        List<CloudEvent<?>> events = merge(merge(GuideIncidents.paymentDown(Names.SOCK_SHOP).events(),
                run("run-5", "incident-5", QUEUE_MASTER, 540, 597, "queue-master")),
                run("run-3", "incident-3", PAYMENT, 600, 780, "payment"));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            List<ScoreRecord> all = h.scores().stream().map(r -> r.value().data()).toList();
            ScoreRecord earlier = all.stream().filter(r -> r.runId().equals("run-5") && r.status() == ScoreStatus.FINAL)
                    .findFirst().orElseThrow();
            ScoreRecord later = all.stream().filter(r -> r.runId().equals("run-3") && r.status() == ScoreStatus.FINAL)
                    .findFirst().orElseThrow();
            assertThat(earlier.detected()).as("the earlier run did not get the later run's incident").isFalse();
            assertThat(earlier.falsePositiveIncidentIds()).isEmpty();
            assertThat(later.detected()).isTrue();
            assertThat(later.signatureCorrect()).isTrue();
            assertThat(later.rootCauseCorrect()).isTrue();
            assertThat(later.timeToDetectSeconds()).isEqualTo(33.0);
            assertThat(later.falsePositiveIncidentIds()).isEmpty();
            assertThat(all).noneSatisfy(r -> assertThat(r.runId().equals("run-5") && Boolean.TRUE.equals(r.detected()))
                    .as("not even while pending").isTrue());
        }
    }

    @Test
    void anIncidentDetectedBeforeARunBeganIsNotThatRunsFalsePositive() {
        // the payment incident is detected at 632 s, the run starts at 649 s
        List<CloudEvent<?>> events = merge(GuideIncidents.paymentDown(Names.SOCK_SHOP).events(),
                run("run-5-late", "incident-5", QUEUE_MASTER, 650, 760, "queue-master"));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            var scores = h.scores();
            ScoreRecord last = scores.get(scores.size() - 1).value().data();
            assertThat(last.status()).isEqualTo(ScoreStatus.FINAL);
            assertThat(last.detected()).isFalse();
            assertThat(last.falsePositiveIncidentIds()).isEmpty();
        }
    }

    @Test
    void evidenceStampedInTheWholeSecondTheRunStartedBelongsToTheRun() {
        // Kubernetes and Datadog times have whole seconds: the first publish after queue-master vanished
        // reads 615 s while the run's STARTED event says 615.3 s
        List<CloudEvent<?>> events = merge(GuideIncidents.consumerDown(Names.SOCK_SHOP).events(),
                run("run-5", "incident-5", QUEUE_MASTER, 616.3, 843, "queue-master"));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            ScoreRecord last = finalScore(h, "run-5");
            assertThat(last.injectionStartedAt()).isEqualTo(T0.plusMillis(615_300));
            assertThat(last.detected()).isTrue();
            assertThat(last.signatureCorrect()).isTrue();
            assertThat(last.rootCauseCorrect()).isTrue();
            assertThat(last.timeToDetectSeconds()).isZero();
        }
    }

    @Test
    void aSecondPrimaryIncidentDuringARunIsAFalsePositiveEvenWithTheExpectedSignature() {
        Scenario s = GuideIncidents.paymentDown(Names.SOCK_SHOP);
        Fixtures f = s.fixtures();
        // shipping goes away too and orders fail toward it: a second dependency-down incident in the run
        s.add(650, f.deployment(650, "shipping", 0, 0));
        s.add(662, f.refusedToward(662, "shipping", "/shipping"));
        s.add(692, f.refusedToward(692, "shipping", "/shipping"));
        s.add(770, f.deployment(770, "shipping", 1, 1));
        List<CloudEvent<?>> events = merge(s.events(), run("run-3c", "incident-3", PAYMENT, 600, 780, "payment"));
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(events);
            assertThat(h.primaryIncidents()).extracting(x -> x.rootCause().service()).contains("payment", "shipping");
            ScoreRecord last = finalScore(h, "run-3c");
            assertThat(last.signatureCorrect()).isTrue();
            assertThat(last.rootCauseCorrect()).isTrue();
            assertThat(last.falsePositiveIncidentIds()).singleElement().asString()
                    .contains(Signatures.DEPENDENCY_DOWN_INCONSISTENCY + ".shipping.");
        }
    }
}
