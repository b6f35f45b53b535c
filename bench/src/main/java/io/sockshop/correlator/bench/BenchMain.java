package io.sockshop.correlator.bench;

import io.sockshop.correlator.bench.collector.CollectorCostBenchmark;
import io.sockshop.correlator.bench.process.CorrelatorProcess;
import io.sockshop.correlator.kafka.EmbeddedKafkaBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Runs the process-level benchmarks in one run on one embedded broker, so that the ratios are
 * measured side by side:
 * <pre>
 * BenchMain [--only 1,2,3,4,5,6] [--apps N] [--records N] [--verify-records N] [--verify-records N] [--correlator service|engine] [--profile]
 *           [--work DIR] [--out FILE] [--smoke]
 * </pre>
 * 1 throughput against a plain consumer, 2 detection latency, 3 verify speed, 4 memory, 5 collector
 * cost, 6 scale-out. Exit status 0 when every benchmark ran (a missed target is a result, not a
 * failure), 1 when one could not run, 2 for bad usage.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(args));
    }

    public static int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: BenchMain [--only 1,2,3,4,5,6] [--apps N] [--records N] [--verify-records N] [--correlator service|engine]"
                    + " [--profile] [--work DIR] [--out FILE] [--smoke]");
            return 2;
        }
        Report report = new Report();
        try {
            run(o, report);
            return 0;
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.err.println("bench failed: " + e.getMessage());
            return 1;
        } finally {
            report.write(o.out);
            System.out.println("[bench] results written to " + o.out);
        }
    }

    static void run(Options o, Report report) {
        BenchSettings s = o.settings;
        report.root().put("machine", Machine.describe()).put("started", Instant.now().toString())
                .put("loadAtStart", Machine.load1()).put("correlator", s.correlator().name());
        report.say("machine: %s; load average %.2f", Machine.describe(), Machine.load1());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(s.workDir().resolve("kafka"))
                // The mix is in event time of November 2025 and record timestamps are event times: with the default
                // 7-day retention the broker deletes every segment at its first retention check, 30 s after start.
                .brokerConfig("log.retention.ms", "-1").build().start()) {
            String bootstrap = broker.bootstrapServers();
            if (o.only.contains(1) || o.only.contains(2) || o.only.contains(4)) {
                ThroughputBenchmark.Result t = ThroughputBenchmark.run(bootstrap, s, report);
                try (CorrelatorProcess correlator = t.correlator();
                     LatencyBenchmark.Background background = new LatencyBenchmark.Background(bootstrap, s.apps(),
                             backgroundRate(s, t, report))) {
                    background.seedClusters();
                    ThroughputBenchmark.pause(s.warmUpSeconds() * 1000L);
                    if (o.only.contains(2)) {
                        LatencyBenchmark.run(bootstrap, s, background, report);
                    }
                    if (o.only.contains(4)) {
                        MemoryBenchmark.run(correlator.process(), background, Duration.ofSeconds(Math.max(5, s.warmUpSeconds())), report);
                    }
                }
            }
            if (o.only.contains(3)) {
                VerifyBenchmark.run(s, report);
            }
            if (o.only.contains(5)) {
                CollectorCostBenchmark.run(bootstrap, new CollectorCostBenchmark.Settings(s.collectorJar(),
                        Duration.ofSeconds(s.collectorWarmUp()), Duration.ofSeconds(s.collectorWindow()),
                        Duration.ofSeconds(s.intakeSeconds()), 4, 100, Math.max(200, s.intakeSeconds() * 150), s.workDir(),
                        o.smoke ? "1m" : null), report);
            }
            if (o.only.contains(6)) {
                ScaleOutBenchmark.run(bootstrap, s, s.scaleApps(), s.scaleRecords(), 6, report);
            }
        }
        report.root().put("finished", Instant.now().toString()).put("loadAtEnd", Machine.load1());
    }

    /**
     * The configured background rate, but at most half of what the correlator just sustained: a steady
     * load it keeps up with, so latency measures detection, not an ever-growing backlog.
     */
    static int backgroundRate(BenchSettings s, ThroughputBenchmark.Result t, Report report) {
        int rate = (int) Math.max(50, Math.min(s.backgroundRate(), t.correlatorPerSecond() / 2));
        if (rate < s.backgroundRate()) {
            report.say("2. background load %,d records/s (half the correlator's measured %,.0f records/s; configured %,d)",
                    rate, t.correlatorPerSecond(), s.backgroundRate());
        }
        return rate;
    }

    static final class Options {
        Set<Integer> only = new LinkedHashSet<>(Arrays.asList(1, 2, 3, 4, 5, 6));
        BenchSettings settings;
        Path out;
        boolean smoke;

        static Options parse(String[] args) {
            Options o = new Options();
            Path work = null;
            boolean smoke = false;
            Integer apps = null;
            Long records = null;
            Long verifyRecords = null;
            CorrelatorProcess.Kind kind = null;
            boolean profile = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--smoke" -> smoke = true;
                    case "--profile" -> profile = true;
                    case "--only" -> {
                        o.only = new LinkedHashSet<>();
                        for (String n : value(args, ++i, a).split(",")) {
                            int b = Integer.parseInt(n.trim());
                            if (b < 1 || b > 6) {
                                throw new IllegalArgumentException("--only: benchmarks are numbered 1 to 6, was " + n);
                            }
                            o.only.add(b);
                        }
                    }
                    case "--apps" -> apps = positive(value(args, ++i, a), a);
                    case "--records" -> records = (long) positive(value(args, ++i, a), a);
                    case "--verify-records" -> verifyRecords = (long) positive(value(args, ++i, a), a);
                    case "--correlator" -> kind = switch (value(args, ++i, a)) {
                        case "service" -> CorrelatorProcess.Kind.SERVICE;
                        case "engine" -> CorrelatorProcess.Kind.ENGINE;
                        default -> throw new IllegalArgumentException("--correlator is service or engine, was " + args[i]);
                    };
                    case "--work" -> work = Path.of(value(args, ++i, a));
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            try {
                if (work == null) {
                    work = Files.createTempDirectory("sockshop-bench");
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot create a work directory: " + e.getMessage());
            }
            BenchSettings s = smoke ? BenchSettings.smoke(work) : BenchSettings.full(work);
            s = s.with(apps == null ? s.apps() : apps, records == null ? s.records() : records,
                    kind == null ? s.correlator() : kind, work, profile);
            if (verifyRecords != null) {
                s = s.withVerifyRecords(verifyRecords);
            }
            o.settings = s;
            o.smoke = smoke;
            if (o.out == null) {
                o.out = work.resolve("results.json");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String v, String option) {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a positive number, was " + v);
            }
        }
    }
}
