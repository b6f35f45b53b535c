package io.sockshop.correlator.reliability;

import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.CorrelatorProcesses;
import io.sockshop.correlator.reliability.support.GuideEpisode;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The soak: the packaged correlator takes {@code soak.rate} raw signals per second (default 5,000) for
 * {@code soak.minutes} minutes (default one, in CI; 15 with the {@code soak} profile) from
 * {@code soak.feeds} concurrent feeds (default 10). Each feed runs the guide's six incidents and calm
 * stretches one after another, in event time, in the real formats, each episode on a fresh application; one record in a
 * thousand is malformed. At the end: every record was processed or dead-lettered (zero lost), every
 * malformed one is in the dead-letter topic, every completed episode gave exactly its incident (a calm
 * one none), each finding once, and the heap after a full collection did not grow.
 *
 * <pre>
 * mvn -B -ntp -pl reliability-tests -am verify -Psoak -Dsoak.minutes=15
 * </pre>
 */
@WithKafka
class SoakTest {

    /** Event time between the starts of two episodes of one feed (the longest script is 2,100 s). */
    private static final long EPISODE_SECONDS = 2400;
    private static final List<GuideEpisode> CYCLE = new ArrayList<>(GuideEpisode.SIX);

    static {
        CYCLE.add(GuideEpisode.CALM);
    }

    /**
     * One feed: episodes one after another in event time, generated as they are needed. Each episode is an
     * application of its own (its own cluster name), as each guide incident runs on a freshly deployed Sock
     * Shop: the pods an earlier episode left behind (never deleted by the scripts) must not blur the next
     * one. A finished episode keeps only what the checks need, not its records.
     */
    static final class Feed {
        final int feed;
        final String run;
        final List<Episode> done = new ArrayList<>();
        Episode current;
        List<CloudEvent<?>> events;
        int position;

        Feed(int feed, String run) {
            this.feed = feed;
            this.run = run;
            next(0);
        }

        void next(int index) {
            GuideEpisode kind = CYCLE.get((index + feed) % CYCLE.size());
            Instant t0 = GuideIncidents.T0.plusSeconds(index * EPISODE_SECONDS);
            String cluster = "soak-" + run + "-" + feed + "-e" + index;
            Names names = GuideEpisode.sockShop("s" + run + "a" + feed + "e" + index, cluster);
            current = new Episode(index, kind, cluster + "/sock-shop", t0);
            events = new ArrayList<>(kind.scenario(names, t0).events());
            events.sort(java.util.Comparator.comparing(CloudEvent::time));
            position = 0;
        }

        /** The event time of the next record. */
        Instant nextTime() {
            if (position == events.size()) {
                done.add(current);
                next(current.index() + 1);
            }
            return events.get(position).time();
        }

        CloudEvent<?> take() {
            nextTime();
            return events.get(position++);
        }
    }

    record Episode(int index, GuideEpisode kind, String application, Instant t0) {
    }

    /**
     * Offers {@code rate} signals a second in ticks of 10 ms, the feeds merged in event time, and
     * one malformed record (a CloudEvent without type, source or data) after every thousandth signal.
     * Ticks run on a scheduler at a fixed rate; a late tick catches up, so the average holds.
     */
    static final class Sender {
        private final List<Feed> feeds;
        private final java.util.PriorityQueue<Feed> byTime;
        private final String prefix;
        private final long perTick;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        // Sends are asynchronous: what the broker acknowledged and what it refused come back here, so a
        // record the harness failed to deliver is never mistaken for one the correlator lost.
        private final java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong undelivered = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicReference<Exception> firstUndelivered = new AtomicReference<>();
        private final org.apache.kafka.clients.producer.Callback delivery = (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                undelivered.incrementAndGet();
                firstUndelivered.compareAndSet(null, exception);
            }
        };
        private volatile long deadline;
        private volatile long startedAt;
        private volatile long finishedAt;
        private volatile boolean finished;
        private long sent;
        private long malformed;

        Sender(List<Feed> feeds, String prefix, int rate) {
            this.feeds = feeds;
            this.byTime = new java.util.PriorityQueue<>(java.util.Comparator.comparing(Feed::nextTime));
            this.byTime.addAll(feeds);
            this.prefix = prefix;
            this.perTick = Math.max(1, rate / 100);
        }

        void start(KafkaProducer<byte[], byte[]> producer, long deadlineNanos) {
            startedAt = System.nanoTime();
            deadline = deadlineNanos;
        }

        synchronized void tick(KafkaProducer<byte[], byte[]> producer) {
            if (finished) {
                return;
            }
            try {
                if (System.nanoTime() >= deadline) {
                    producer.flush();
                    finishedAt = System.nanoTime();
                    finished = true;
                    return;
                }
                for (long i = 0; i < perTick; i++) {
                    // Feeds merged in event time, as a real cluster's signals arrive: Kafka Streams keeps one stream
                    // time per partition, so a feed running hours ahead would make the others' records late.
                    Feed feed = byTime.poll();
                    CloudEvent<?> event = feed.take();
                    byTime.add(feed);
                    producer.send(KafkaIO.raw(prefix, event), delivery);
                    if (++sent % 1000 == 0) {
                        producer.send(new ProducerRecord<>(KafkaIO.rawTopic(prefix, event), null, event.time().toEpochMilli(),
                                event.partitionkey().getBytes(StandardCharsets.UTF_8),
                                ("{\"specversion\":\"1.0\",\"id\":\"soak-" + sent + "\",\"time\":1762372800}")
                                        .getBytes(StandardCharsets.UTF_8)), delivery);
                        malformed++;
                    }
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                finished = true;
            }
        }

        boolean finished() {
            return finished;
        }

        synchronized long sent() {
            return sent;
        }

        synchronized long malformed() {
            return malformed;
        }

        long acknowledged() {
            return acknowledged.get();
        }

        void assertAllDelivered() {
            assertThat(undelivered.get()).as("records the soak's producer could not deliver (first error: %s)",
                    firstUndelivered.get()).isZero();
        }

        Duration elapsed() {
            return Duration.ofNanos(finishedAt - startedAt);
        }

        void rethrow() {
            if (failure.get() != null) {
                throw new AssertionError("the sender failed", failure.get());
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void signalsAtFullRateWithIncidentsAlongTheWay(KafkaBroker broker) throws Exception {
        Duration duration = Duration.ofMinutes(Long.getLong("soak.minutes", 1));
        int rate = Integer.getInteger("soak.rate", 5000);
        int applications = Integer.getInteger("soak.feeds", 10);
        String run = Long.toHexString(System.nanoTime() & 0xffffff);
        String prefix = "soak-" + run + ".";
        String applicationId = "correlator-soak-" + run;
        String bootstrap = broker.bootstrapServers();
        List<Feed> feeds = new ArrayList<>();
        for (int a = 0; a < applications; a++) {
            feeds.add(new Feed(a, run));
        }
        List<String> raw = List.of(prefix + Topics.K8S.name(), prefix + Topics.DATADOG_LOGS.name(),
                prefix + Topics.DATADOG_METRICS.name());

        Map<String, String> settings = CorrelatorProcesses.settings(bootstrap, prefix, applicationId,
                Files.createTempDirectory("correlator-soak"));
        Sender sender = new Sender(feeds, prefix, rate);
        List<Long> heap = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> resident = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong maxLag = new java.util.concurrent.atomic.AtomicLong();
        Instant started;
        Duration elapsed;
        try (ServiceProcess correlator = ServiceProcess.start("correlator-soak", io.sockshop.correlator.reliability.support.Apps
                .jar("correlator"), "512m", settings, Map.of()).awaitReady(Duration.ofMinutes(2));
             KafkaProducer<byte[], byte[]> producer = KafkaIO.producer(bootstrap)) {
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
            long sampleEvery = Math.max(10, duration.toSeconds() / 10);
            started = Instant.now();
            sender.start(producer, System.nanoTime() + duration.toNanos());
            // Samples start after a fifth of the run (the warm-up): the JIT, the stores' first entries, the caches.
            clock.scheduleWithFixedDelay(() -> {
                heap.add(correlator.heapAfterGc());
                resident.add(correlator.residentBytes());
                maxLag.accumulateAndGet(KafkaIO.lag(bootstrap, applicationId, raw), Math::max);
            }, duration.toSeconds() / 5, sampleEvery, TimeUnit.SECONDS);
            clock.scheduleAtFixedRate(() -> sender.tick(producer), 0, 10, TimeUnit.MILLISECONDS);
            try {
                await("the soak's duration").atMost(duration.plusMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> sender.finished() || !correlator.isAlive());
            } finally {
                clock.shutdownNow();
                clock.awaitTermination(1, TimeUnit.MINUTES);
            }
            sender.rethrow();
            long sent = sender.sent();
            long malformed = sender.malformed();
            producer.flush();
            elapsed = sender.elapsed();
            long total = sent + malformed;
            sender.assertAllDelivered();
            assertThat(sender.acknowledged()).as("records acknowledged by the broker").isEqualTo(total);
            await("the correlator caught up").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> KafkaIO.lag(bootstrap, applicationId, raw) == 0);
            Duration catchUp = Duration.between(started.plus(elapsed), Instant.now());
            heap.add(correlator.heapAfterGc());
            resident.add(correlator.residentBytes());
            // Every record sent is still in the raw topics: none was deleted (by retention) before it was read.
            KafkaIO.Extent extent = KafkaIO.extent(bootstrap, raw);
            var metrics = correlator.metrics();
            double processed = metrics.sum("correlator_records_processed_total");
            double dead = metrics.sum("correlator_dead_letters_total");
            System.out.printf("[soak] %s at %d/s target: sent %d signals + %d malformed in %s (%.0f/s), caught up %s later; "
                            + "max lag %d; raw topics hold offsets %d to %d; processed %.0f, dead-lettered %.0f; heap after GC (MiB) %s; "
                            + "resident (MiB) %s%n",
                    duration, rate, sent, malformed, elapsed, sent / (elapsed.toMillis() / 1000.0), catchUp, maxLag.get(),
                    extent.start(), extent.end(), processed, dead,
                    heap.stream().map(h -> h >> 20).toList(), resident.stream().map(r -> r >> 20).toList());

            assertThat(sent / (elapsed.toMillis() / 1000.0)).as("signals per second offered").isGreaterThanOrEqualTo(rate * 0.8);
            assertThat(extent).as("the raw topics hold every record sent, from offset 0").isEqualTo(new KafkaIO.Extent(0, total));
            assertThat(processed + dead).as("zero lost: every record processed or dead-lettered").isGreaterThanOrEqualTo(total);
            assertThat(dead).as("only the malformed ones dead-lettered").isEqualTo(malformed);
            assertThat(correlator.isAlive()).isTrue();
        }

        assertThat(KafkaIO.readAll(bootstrap, Topics.DEAD_LETTERS.withPrefix(prefix).name(), true)).hasSize((int) sender.malformed());
        List<Finding> findings = KafkaIO.readEvents(bootstrap, Topics.FINDINGS.withPrefix(prefix).name(), EventType.FINDING, true)
                .stream().map(CloudEvent::data).toList();
        assertThat(findings).extracting(Finding::id).as("each finding once").doesNotHaveDuplicates();
        Map<String, Finding> latest = new LinkedHashMap<>();
        findings.forEach(f -> latest.put(f.incidentId(), f));
        int episodes = 0;
        Map<String, Integer> byKind = new TreeMap<>();
        // Every episode is checked before the test fails, so a run tells how many were wrong, not only the first.
        List<String> wrong = new ArrayList<>();
        for (Feed feed : feeds) {
            for (Episode episode : feed.done) {
                String application = episode.application();
                List<String> found = latest.values().stream()
                        .filter(f -> f.application().equals(application) && f.supersededBy() == null)
                        .map(f -> f.signature().id() + "/" + f.rootCause().service() + " " + f.status()).toList();
                List<String> expected = episode.kind().expected() == null ? List.of()
                        : List.of(episode.kind().expected() + " " + IncidentStatus.RESOLVED);
                if (!found.equals(expected)) {
                    wrong.add(String.format("%s episode %d (%s, from %s): expected %s, found %s; the application's incidents: %s",
                            application, episode.index(), episode.kind().name(), episode.t0(), expected, found,
                            latest.values().stream().filter(f -> f.application().equals(application))
                                    .map(f -> f.incidentId() + " " + f.signature().id() + "/" + f.rootCause().service() + " "
                                            + f.status() + " firstSeen " + f.firstSeen() + " rev " + f.revision()
                                            + (f.supersededBy() == null ? "" : " supersededBy " + f.supersededBy()))
                                    .toList()));
                }
                episodes++;
                byKind.merge(episode.kind().name(), 1, Integer::sum);
            }
        }
        System.out.printf("[soak] %d completed episodes checked %s; %d findings, %d incidents; %d episodes wrong%n", episodes,
                byKind, findings.size(), latest.size(), wrong.size());
        assertThat(wrong).as("episodes without exactly their incident").isEmpty();
        assertThat(episodes).as("completed episodes").isGreaterThanOrEqualTo(applications);

        // Memory flat: after the warm-up, the heap after a full collection does not trend upward.
        List<Long> steady = List.copyOf(heap);
        assertThat(steady).hasSizeGreaterThanOrEqualTo(2);
        long first = steady.get(0);
        long last = steady.get(steady.size() - 1);
        assertThat(last).as("heap after GC at the end vs after the warm-up (%s)", steady)
                .isLessThanOrEqualTo(first + Math.max(32L << 20, first / 4));
    }
}
