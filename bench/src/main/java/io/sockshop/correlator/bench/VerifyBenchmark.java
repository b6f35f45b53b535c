package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.bench.mix.RecordingWriter;
import io.sockshop.correlator.bench.mix.SignalMix;
import io.sockshop.correlator.bench.process.JavaProcess;
import io.sockshop.correlator.replay.ReplayMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 3: the replay tool's {@code verify} (the code behind {@code ./sockshop verify}, in a JVM of
 * its own) on a large recording of the benchmark mix written in the replay format. Two rates: the
 * tool's own timing of the topology run (what it prints: records fed through the correlator's topology
 * per second), and the whole command from JVM start to the golden file written (reading and parsing
 * the NDJSON included).
 */
public final class VerifyBenchmark {

    /** What ReplayMain prints on standard error after the run. */
    private static final Pattern RESULT = Pattern.compile(
            "verify: (\\d+) input records \\((\\d+) other records skipped\\) in ([0-9.]+) s \\(\\d+ records/s\\), (\\d+) findings");

    public record Result(long records, double topologyPerSecond, double commandPerSecond, long findings) {
    }

    private VerifyBenchmark() {
    }

    public static Result run(BenchSettings s, Report report) {
        Path recording = s.workDir().resolve("verify-recording.ndjson");
        Path golden = s.workDir().resolve("verify-golden.ndjson");
        long written = RecordingWriter.write(SignalMix.of(s.apps(), s.verifyRecords()).events(), s.partitions(), recording);
        long bytes = size(recording);
        double load = Machine.load1();
        List<String> jvm = new ArrayList<>(List.of("-XX:+UseG1GC", "-Xmx" + s.verifyHeap()));
        if (s.profile()) {
            jvm.add("-XX:StartFlightRecording=filename=" + s.workDir().resolve("verify.jfr") + ",settings=profile");
        }
        long started = System.nanoTime();
        JavaProcess p = JavaProcess.start("verify", jvm, List.of("-cp", System.getProperty("java.class.path"),
                ReplayMain.class.getName(), "verify", "--in", recording.toString(), "--write-golden", golden.toString()),
                s.workDir());
        String line;
        try (p) {
            line = p.awaitLine(l -> RESULT.matcher(l).find(), Duration.ofMinutes(30));
            int status = p.await(Duration.ofMinutes(5));
            if (status != 0) {
                throw new IllegalStateException("verify exited with " + status + "; see " + p.log() + "\n" + p.tail());
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        Matcher m = RESULT.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("verify printed " + line);
        }
        long records = Long.parseLong(m.group(1));
        double topology = records / Double.parseDouble(m.group(3));
        long findings = Long.parseLong(m.group(4));
        Result r = new Result(records, topology, records / wall, findings);
        report.say("3. replay verify on a recording of %,d records (%,d MB, %d applications): %,.0f records/s through the topology "
                        + "(as the tool reports), %,.0f records/s for the whole command (%.1f s from JVM start, NDJSON parsing included); "
                        + "%d findings (target >= 200,000 records/s; load average %.2f before, %.2f after)",
                records, bytes / 1_000_000, s.apps(), topology, r.commandPerSecond(), wall, findings, load, Machine.load1());
        ObjectNode out = report.section("verify");
        out.put("records", records).put("recordingLines", written).put("recordingBytes", bytes).put("applications", s.apps())
                .put("topologyRecordsPerSecond", Math.round(topology)).put("commandRecordsPerSecond", Math.round(r.commandPerSecond()))
                .put("commandSeconds", Report.round(wall, 2)).put("findings", findings)
                .put("harness", "replay verify (ReplayMain, the code of ./sockshop verify) in its own JVM, -Xmx" + s.verifyHeap())
                .put("loadBefore", load).put("loadAfter", Machine.load1());
        if (records != written) {
            throw new IllegalStateException("verify fed " + records + " of the recording's " + written + " records");
        }
        if (findings == 0) {
            throw new IllegalStateException("verify produced no finding: the recording's incidents were not processed");
        }
        return r;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
