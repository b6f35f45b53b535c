package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.bench.kafka.BenchTopics;
import io.sockshop.correlator.bench.kafka.Preloader;
import io.sockshop.correlator.bench.mix.SignalMix;
import io.sockshop.correlator.bench.process.CorrelatorProcess;
import io.sockshop.correlator.bench.process.JavaProcess;
import io.sockshop.correlator.bench.process.PlainConsumerMain;
import io.sockshop.correlator.model.kafka.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 1: the same pre-loaded mix read (a) by a plain consumer that parses every record as JSON
 * and (b) by the correlator with exactly-once, from the raw topics to its outputs, one after the other
 * in one run on one broker. The correlator's rate is taken from its committed consumer offsets (what
 * exactly-once has made final), from its first commit to the last record; the plain consumer's from
 * its first batch to its last record, so neither counts JVM start-up or group joining.
 */
public final class ThroughputBenchmark {

    private static final Pattern PLAIN = Pattern.compile(PlainConsumerMain.RESULT + " records=(\\d+) timed=(\\d+) seconds=([0-9.E-]+)");

    public record Result(double plainPerSecond, double correlatorPerSecond, double ratio, long records,
                         CorrelatorProcess correlator) {
    }

    private ThroughputBenchmark() {
    }

    /** Pre-loads, measures both, and leaves the correlator running (caught up, holding the state of every application). */
    public static Result run(String bootstrap, BenchSettings s, Report report) {
        ObjectNode out = report.section("throughput");
        List<String> raw = BenchTopics.rawTopics("");
        SignalMix mix = SignalMix.of(s.apps(), s.records());
        Preloader.Loaded loaded;
        try (BenchTopics topics = new BenchTopics(bootstrap)) {
            topics.createAll("", s.partitions());
            loaded = Preloader.load(bootstrap, mix.events(), "");
        }
        report.say("1. pre-loaded %,d records (%,d MB) of %d applications in %.1f s: %s", loaded.records(),
                loaded.bytes() / 1_000_000, s.apps(), loaded.seconds(), loaded.mix());
        out.put("records", loaded.records()).put("bytes", loaded.bytes()).put("applications", s.apps())
                .put("incidentApplications", mix.incidentApps()).put("mix", loaded.mix()).put("partitions", s.partitions());

        double load = Machine.load1();
        double plain = plain(bootstrap, raw, loaded.records(), s);
        report.say("1a. plain consumer + JSON parse: %,.0f records/s (load average %.2f before)", plain, load);
        out.put("plainRecordsPerSecond", Math.round(plain)).put("plainLoadBefore", load);

        load = Machine.load1();
        String applicationId = "bench-correlator";
        List<String> jvm = new ArrayList<>(s.childJvmArgs());
        if (s.profile()) {
            jvm.add("-XX:StartFlightRecording=filename=" + s.workDir().resolve("correlator-throughput.jfr") + ",settings=profile");
            // Benchmark 4 then breaks the JVM's own native memory down (jcmd VM.native_memory); what RSS has
            // beyond it is memory the JVM does not track, RocksDB's above all.
            jvm.add("-XX:NativeMemoryTracking=summary");
        }
        CorrelatorProcess correlator = CorrelatorProcess.start(s.correlator(), s.serviceJar(), "correlator", bootstrap,
                applicationId, jvm, s.workDir());
        double rate;
        try (BenchTopics topics = new BenchTopics(bootstrap)) {
            rate = committedRate(topics, applicationId, raw, loaded.records(), correlator.process());
            long open = countOpenFindings(bootstrap);
            report.say("1b. correlator (%s, exactly_once_v2): %,.0f records/s (load average %.2f before); %d OPEN findings",
                    correlator.kind(), rate, load, open);
            out.put("correlatorRecordsPerSecond", Math.round(rate)).put("correlatorLoadBefore", load)
                    .put("correlator", correlator.kind().name()).put("openFindings", open);
            if (open < mix.incidentApps()) {
                throw new IllegalStateException("the correlator opened " + open + " incidents, expected at least "
                        + mix.incidentApps() + ": the run did not do the work it measures");
            }
        } catch (RuntimeException e) {
            correlator.close();
            throw e;
        }
        double ratio = rate / plain;
        report.say("1. ratio correlator / plain consumer: %.2f (target >= 0.5)", ratio);
        out.put("ratio", Report.round(ratio, 3)).put("loadAfter", Machine.load1());
        return new Result(plain, rate, ratio, loaded.records(), correlator);
    }

    static double plain(String bootstrap, List<String> raw, long expected, BenchSettings s) {
        JavaProcess p = JavaProcess.start("plain-consumer", s.childJvmArgs(), List.of("-cp", System.getProperty("java.class.path"),
                PlainConsumerMain.class.getName(), bootstrap, String.join(",", raw), Long.toString(expected)), s.workDir());
        try (p) {
            String line = p.awaitLine(l -> l.startsWith(PlainConsumerMain.RESULT) || l.startsWith("PLAIN_FAILED"),
                    Duration.ofMinutes(30));
            Matcher m = PLAIN.matcher(line);
            if (!m.find()) {
                throw new IllegalStateException("plain consumer failed: " + line);
            }
            return Long.parseLong(m.group(2)) / Double.parseDouble(m.group(3));
        }
    }

    /** Records per second of committed progress, from the first commit seen to the end of the input. */
    static double committedRate(BenchTopics topics, String group, List<String> raw, long total, JavaProcess process) {
        long firstAt = 0;
        long first = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            long done = topics.committed(group, raw);
            if (first < 0 && done > 0) {
                first = done;
                firstAt = now;
            }
            if (done >= total) {
                if (done == first) {
                    throw new IllegalStateException("everything was committed at once: too few records to time");
                }
                return (done - first) / ((now - firstAt) / 1e9);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the correlator died; see " + process.log() + "\n" + process.tail());
            }
            pause(100);
        }
        throw new IllegalStateException("the correlator did not finish within an hour");
    }

    /** OPEN findings on the findings topic, read as an agent would (read_committed). */
    static long countOpenFindings(String bootstrap) {
        return FindingsReader.readAll(bootstrap, Topics.FINDINGS.name(), Duration.ofSeconds(5)).stream()
                .filter(f -> f.data().status().name().equals("OPEN")).count();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
