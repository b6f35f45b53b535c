package io.sockshop.correlator.reliability;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.CorrelatorProcesses;
import io.sockshop.correlator.reliability.support.GuideEpisode;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged correlator is killed with SIGKILL in the middle of the guide's six incidents (one per
 * application, all at once), at a moment when findings it has written are still in an open
 * transaction; a new instance takes over, on the same state directory or on a fresh one (its state
 * then comes back from the changelogs). In the {@code read_committed} view every finding of every
 * incident is there exactly once, revisions 1..n without a gap, and the incidents are the ones an
 * uninterrupted run of the same records gives.
 */
@WithKafka
class CorrelatorHardKillTest {

    /** Seconds of event time per slice of input once the incidents start. */
    private static final int SLICE = 20;
    private static final List<String> RAW = List.of(Topics.K8S.name(), Topics.DATADOG_LOGS.name(),
            Topics.DATADOG_METRICS.name());

    record Run(Map<String, GuideEpisode> episodes, List<CloudEvent<?>> events, Map<String, Finding> reference) {
    }

    /** Computed once: both variants send the same records, each to topics of its own (a prefix). */
    private static final java.util.function.Supplier<Run> SIX_INCIDENTS = new java.util.function.Supplier<>() {
        private Run run;

        @Override
        public synchronized Run get() {
            if (run == null) {
                run = sixIncidents();
            }
            return run;
        }
    };

    @Test
    void killedMidIncidentThenRestartedOnItsStateDirectoryEmitsEveryIncidentExactlyOnce(KafkaBroker broker) throws Exception {
        killAndRestart(broker, false);
    }

    @Test
    void killedMidIncidentThenRestartedOnAFreshStateDirectoryRestoresFromTheChangelogs(KafkaBroker broker) throws Exception {
        killAndRestart(broker, true);
    }

    private void killAndRestart(KafkaBroker broker, boolean freshStateDirectory) throws Exception {
        String prefix = KafkaBroker.uniqueName("kill") + ".";
        String applicationId = "correlator-" + prefix.substring(0, prefix.length() - 1);
        Run run = SIX_INCIDENTS.get();
        Path stateA = Files.createTempDirectory("correlator-state-a");
        Path stateB = freshStateDirectory ? Files.createTempDirectory("correlator-state-b") : stateA;
        String findingsTopic = Topics.FINDINGS.withPrefix(prefix).name();
        String bootstrap = broker.bootstrapServers();

        Map<String, String> first = CorrelatorProcesses.settings(bootstrap, prefix, applicationId, stateA);
        // A long commit interval keeps findings in an open transaction for a while: the kill must lose some.
        first.put("kafka-streams.commit.interval.ms", "10000");
        first.put("kafka-streams.transaction.timeout.ms", "30000");
        int cursor;
        Kill kill;
        try (KafkaProducer<byte[], byte[]> producer = KafkaIO.producer(bootstrap);
             ServiceProcess a = CorrelatorProcesses.start("correlator-a", first)) {
            // Ten minutes of steady traffic for every application, committed before the incidents start.
            cursor = sendUntil(producer, prefix, run.events(), 0, 600);
            await("the steady state committed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> KafkaIO.lag(bootstrap, applicationId, prefixed(prefix)) == 0);
            kill = null;
            for (int until = 600 + SLICE; kill == null && until <= 1200; until += SLICE) {
                cursor = sendUntil(producer, prefix, run.events(), cursor, until);
                kill = killIfFindingsAreInFlight(a, bootstrap, findingsTopic);
            }
            assertThat(kill).as("the correlator was killed with findings committed and findings in flight").isNotNull();
            assertThat(a.isAlive()).isFalse();
            assertThat(leftCheckpoints(stateA, applicationId))
                    .as("Kafka Streams 4.1 leaves task checkpoints while running (KAFKA-20685); when this fails, Kafka "
                            + "no longer does and the correlator's StaleCheckpoints can go")
                    .isPositive();
            // The rest of the incidents arrives while no correlator runs.
            sendUntil(producer, prefix, run.events(), cursor, Double.MAX_VALUE);
        }

        try (ServiceProcess b = CorrelatorProcesses.start("correlator-b", CorrelatorProcesses.settings(bootstrap, prefix, applicationId, stateB))) {
            if (!freshStateDirectory) {
                // The checkpoints the kill left would let Kafka Streams keep the killed instance's RocksDB files,
                // uncommitted writes included; the correlator removes them so the stores come from the changelogs.
                assertThat(b.output()).as("the left checkpoints removed at start").contains("task checkpoint(s) under");
            }
            await("every incident resolved").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    resolved(KafkaIO.readEvents(bootstrap, findingsTopic, EventType.FINDING, true)).containsAll(run.reference().keySet()));
            await("every record processed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> KafkaIO.lag(bootstrap, applicationId, prefixed(prefix)) == 0);
        }

        List<Finding> committed = KafkaIO.readEvents(bootstrap, findingsTopic, EventType.FINDING, true).stream()
                .map(CloudEvent::data).toList();
        List<String> allWritten = KafkaIO.readEvents(bootstrap, findingsTopic, EventType.FINDING, false).stream()
                .map(CloudEvent::id).toList();
        System.out.printf("[hard-kill%s] %d raw records for 6 applications; killed after %d of them with %d findings committed "
                        + "and %d written; at the end %d findings committed, %d written (aborted copies included), %d incidents%n",
                freshStateDirectory ? ", fresh state directory" : "", run.events().size(), cursor, kill.committed(),
                kill.written(), committed.size(), allWritten.size(), run.reference().size());

        assertThat(allWritten.size()).as("the killed instance had written findings that were never committed")
                .isGreaterThan(committed.size());
        assertThat(committed).extracting(Finding::id).as("each finding exactly once").doesNotHaveDuplicates();
        assertThat(committed.size()).as("findings committed before the kill are kept").isGreaterThanOrEqualTo(kill.committed());
        assertRevisionsWithoutGaps(committed);

        Map<String, Finding> latest = new LinkedHashMap<>();
        committed.forEach(f -> latest.put(f.incidentId(), f));
        Map<String, Finding> primary = latest.values().stream().filter(f -> f.supersededBy() == null)
                .collect(Collectors.toMap(Finding::incidentId, Function.identity(), (x, y) -> x, TreeMap::new));
        assertThat(primary.keySet()).as("the same incidents as an uninterrupted run").isEqualTo(run.reference().keySet());
        primary.forEach((id, f) -> {
            Finding expected = run.reference().get(id);
            assertThat(f.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(f.signature()).isEqualTo(expected.signature());
            assertThat(f.rootCause()).isEqualTo(expected.rootCause());
            assertThat(f.impact()).as("impact of %s", id).isEqualTo(expected.impact());
            assertThat(f.firstSeen()).isEqualTo(expected.firstSeen());
            assertThat(f.evaluation()).isEqualTo(expected.evaluation());
        });
        Map<String, String> found = new TreeMap<>();
        primary.values().forEach(f -> found.put(f.application(), f.signature().id() + "/" + f.rootCause().service()));
        Map<String, String> expected = new TreeMap<>();
        run.episodes().forEach((app, episode) -> expected.put(app, episode.expected()));
        assertThat(found).as("one incident per application, the guide's").isEqualTo(expected);

        // The compacted incidents topic ends on the last revision of each incident.
        Map<String, IncidentState> states = new LinkedHashMap<>();
        KafkaIO.readEvents(bootstrap, Topics.INCIDENTS.withPrefix(prefix).name(), EventType.INCIDENT, true)
                .forEach(e -> states.put(e.data().incidentId(), e.data()));
        latest.forEach((id, f) -> assertThat(states.get(id).revision()).as("incident state of %s", id).isEqualTo(f.revision()));
        assertThat(KafkaIO.readAll(bootstrap, Topics.DEAD_LETTERS.withPrefix(prefix).name(), true)).isEmpty();
    }

    private static long leftCheckpoints(Path stateDir, String applicationId) throws java.io.IOException {
        try (var files = Files.walk(stateDir.resolve(applicationId), 2)) {
            return files.filter(f -> f.getFileName().toString().equals(".checkpoint")).count();
        }
    }

    record Kill(int committed, int written) {
    }

    /**
     * SIGKILLs the correlator when the committed view already holds findings and more were written but are
     * not committed yet; null (and the correlator keeps running) when that is not the case now.
     */
    private static Kill killIfFindingsAreInFlight(ServiceProcess correlator, String bootstrap, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            int written = KafkaIO.readAll(bootstrap, topic, false).size();
            int committed = KafkaIO.readAll(bootstrap, topic, true).size();
            if (committed > 0 && written > committed) {
                correlator.kill();
                return new Kill(committed, written);
            }
        }
        return null;
    }

    private static void assertRevisionsWithoutGaps(List<Finding> committed) {
        Map<String, List<Finding>> byIncident = committed.stream()
                .collect(Collectors.groupingBy(Finding::incidentId, LinkedHashMap::new, Collectors.toList()));
        byIncident.forEach((id, findings) -> {
            assertThat(findings).extracting(Finding::revision).as("revisions of %s", id)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, findings.size()).boxed().toList());
            assertThat(findings.get(0).status()).isEqualTo(IncidentStatus.OPEN);
            assertThat(findings.subList(1, findings.size())).extracting(Finding::status)
                    .doesNotContain(IncidentStatus.OPEN);
            assertThat(findings.subList(0, findings.size() - 1)).extracting(Finding::status)
                    .doesNotContain(IncidentStatus.RESOLVED);
        });
    }

    private static List<String> resolved(List<CloudEvent<Finding>> findings) {
        return findings.stream().map(CloudEvent::data).filter(f -> f.status() == IncidentStatus.RESOLVED)
                .map(Finding::incidentId).toList();
    }

    private static List<String> prefixed(String prefix) {
        return RAW.stream().map(t -> prefix + t).toList();
    }

    /** Sends the records from {@code from} on whose event time is before {@code until} seconds; returns the next index. */
    private static int sendUntil(KafkaProducer<byte[], byte[]> producer, String prefix, List<CloudEvent<?>> events,
                                 int from, double until) {
        Instant end = until == Double.MAX_VALUE ? Instant.MAX : GuideIncidents.T0.plusMillis((long) (until * 1000));
        int i = from;
        while (i < events.size() && events.get(i).time().isBefore(end)) {
            producer.send(KafkaIO.raw(prefix, events.get(i++)));
        }
        producer.flush();
        return i;
    }

    /** The six incidents, one application each, merged in event time, with what an uninterrupted run finds. */
    private static Run sixIncidents() {
        Map<String, GuideEpisode> episodes = new TreeMap<>();
        List<CloudEvent<?>> events = new ArrayList<>();
        Map<String, Finding> reference = new TreeMap<>();
        String tag = "6i";
        for (GuideEpisode episode : GuideEpisode.SIX) {
            Names names = GuideEpisode.sockShop("k" + tag + episode.name().replace("incident-", "i"),
                    "kill-" + episode.name());
            List<CloudEvent<?>> records = episode.scenario(names, GuideIncidents.T0).events();
            episodes.put(names.app().toString(), episode);
            events.addAll(records);
            try (Harness h = new Harness(CorrelatorConfig.defaults())) {
                h.pipeAll(records);
                h.primaryIncidents().forEach(f -> reference.put(f.incidentId(), f));
            }
        }
        events.sort(Comparator.comparing(CloudEvent::time));
        return new Run(episodes, events, reference);
    }
}
