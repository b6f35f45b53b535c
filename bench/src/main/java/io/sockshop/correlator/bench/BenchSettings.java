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
 * @param verifyRecords       records of the recording verified in-process
 * @param workDir             logs, state directories, JFR recordings
 * @param profile             run the correlator with a JFR recording
 */
public record BenchSettings(int apps, long records, int partitions, CorrelatorProcess.Kind correlator, Path serviceJar,
                            List<String> childJvmArgs, int backgroundRate, int incidents, long incidentSpacingMs,
                            int warmUpSeconds, long verifyRecords, Path workDir, boolean profile) {

    /** As a 1 GiB container would size the JVM (heap a quarter of it), for the plain consumer and the correlator alike. */
    public static final List<String> CHILD_JVM = List.of("-XX:MaxRAM=1g", "-XX:+UseG1GC");

    public static BenchSettings full(Path workDir) {
        return new BenchSettings(1000, 2_000_000, 3, CorrelatorProcess.Kind.SERVICE,
                Path.of("correlator/target/quarkus-app/quarkus-run.jar"), CHILD_JVM, 2000, 200, 400, 30, 1_000_000,
                workDir, false);
    }

    public static BenchSettings smoke(Path workDir) {
        return new BenchSettings(20, 4_000, 3, CorrelatorProcess.Kind.ENGINE, null, CHILD_JVM, 200, 5, 200, 3, 4_000,
                workDir, false);
    }

    public BenchSettings withCorrelator(CorrelatorProcess.Kind kind) {
        return new BenchSettings(apps, records, partitions, kind, serviceJar, childJvmArgs, backgroundRate, incidents,
                incidentSpacingMs, warmUpSeconds, verifyRecords, workDir, profile);
    }
}
