package io.sockshop.correlator.bench;

import io.sockshop.correlator.bench.process.CorrelatorProcess;

import java.nio.file.Path;
import java.util.List;

/**
 * How a run is made. Defaults are the documented full run; smoke tests shrink them.
 *
 * @param apps                applications in the mix (each 14 services)
 * @param records             records pre-loaded for the throughput benchmark
 * @param partitions          partitions of every topic
 * @param correlator          the packaged service or the engine runner
 * @param serviceJar          the packaged service
 * @param childJvmArgs        JVM options of the plain consumer and the correlator alike
 * @param backgroundRate      records/s of steady background load during the latency and memory measurements
 * @param incidents           incidents whose detection latency is measured
 * @param incidentSpacingMs   time between two incidents
 * @param warmUpSeconds       background load before the first incident
 * @param verifyRecords       records of the recording replay verify runs through the topology
 * @param verifyHeap          maximum heap of the verify JVM (the tool holds the whole recording in memory)
 * @param workDir             logs, state directories, JFR recordings
 * @param profile             run the correlator with a JFR recording
 * @param collectorJar        the packaged collector
 * @param collectorWarmUp     polling before calls are counted (a first start catches up its look-back)
 * @param collectorWindow     how long calls are counted
 * @param intakeSeconds       how long the intake is loaded
 * @param scaleApps           applications of the scale-out data set
 * @param scaleRecords        records of the scale-out data set
 */
public record BenchSettings(int apps, long records, int partitions, CorrelatorProcess.Kind correlator, Path serviceJar,
                            List<String> childJvmArgs, int backgroundRate, int incidents, long incidentSpacingMs,
                            int warmUpSeconds, long verifyRecords, String verifyHeap, Path workDir, boolean profile, Path collectorJar,
                            int collectorWarmUp, int collectorWindow, int intakeSeconds, int scaleApps, long scaleRecords) {

    /** As a 1 GiB container would size the JVM (heap a quarter of it), for the plain consumer and the correlator alike. */
    public static final List<String> CHILD_JVM = List.of("-XX:MaxRAM=1g", "-XX:+UseG1GC");

    public static BenchSettings full(Path workDir) {
        return new BenchSettings(1000, 500_000, 3, CorrelatorProcess.Kind.SERVICE,
                Path.of("correlator/target/quarkus-app/quarkus-run.jar"), CHILD_JVM, 2000, 200, 400, 30, 200_000, "4g",
                workDir, false, Path.of("collector/target/quarkus-app/quarkus-run.jar"), 60, 120, 30, 200, 100_000);
    }

    /** Tiny sizes for the tests; the collector's count window is longer than its 30 s metrics interval, so it holds a cycle. */
    public static BenchSettings smoke(Path workDir) {
        return new BenchSettings(20, 4_000, 3, CorrelatorProcess.Kind.ENGINE, null, CHILD_JVM, 200, 5, 200, 3, 4_000, "256m",
                workDir, false, Path.of("../collector/target/quarkus-app/quarkus-run.jar"), 3, 35, 3, 10, 2_000);
    }

    public BenchSettings with(int apps, long records, CorrelatorProcess.Kind kind, Path workDir, boolean profile) {
        return new BenchSettings(apps, records, partitions, kind, serviceJar, childJvmArgs, backgroundRate, incidents,
                incidentSpacingMs, warmUpSeconds, verifyRecords, verifyHeap, workDir, profile, collectorJar, collectorWarmUp,
                collectorWindow, intakeSeconds, scaleApps, scaleRecords);
    }

    public BenchSettings withVerifyRecords(long n) {
        return new BenchSettings(apps, records, partitions, correlator, serviceJar, childJvmArgs, backgroundRate, incidents,
                incidentSpacingMs, warmUpSeconds, n, verifyHeap, workDir, profile, collectorJar, collectorWarmUp,
                collectorWindow, intakeSeconds, scaleApps, scaleRecords);
    }
}
