package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.bench.process.JavaProcess;
import io.sockshop.correlator.bench.process.VerifyMain;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Benchmark 3: records/s of a recording verified in-process (see {@link VerifyMain}), in a JVM of its own. */
public final class VerifyBenchmark {

    private static final Pattern RESULT = Pattern.compile(VerifyMain.RESULT + " records=(\\d+) seconds=([0-9.E-]+) findings=(\\d+)");

    private VerifyBenchmark() {
    }

    public static double run(BenchSettings s, Report report) {
        double load = Machine.load1();
        JavaProcess p = JavaProcess.start("verify", List.of("-XX:+UseG1GC"), List.of("-cp", System.getProperty("java.class.path"),
                VerifyMain.class.getName(), Integer.toString(s.apps()), Long.toString(s.verifyRecords())), s.workDir());
        String line;
        try (p) {
            line = p.awaitLine(l -> l.startsWith(VerifyMain.RESULT), Duration.ofMinutes(30));
        }
        Matcher m = RESULT.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("verify printed " + line);
        }
        long records = Long.parseLong(m.group(1));
        double rate = records / Double.parseDouble(m.group(2));
        long findings = Long.parseLong(m.group(3));
        report.say("3. verify in-process (TopologyTestDriver, own harness): %,d records at %,.0f records/s, %d findings (target >= 200,000 records/s; load average %.2f before, %.2f after)",
                records, rate, findings, load, Machine.load1());
        ObjectNode out = report.section("verify");
        out.put("records", records).put("recordsPerSecond", Math.round(rate)).put("findings", findings)
                .put("harness", "bench VerifyMain (replay module not on main)").put("loadBefore", load).put("loadAfter", Machine.load1());
        if (findings == 0) {
            throw new IllegalStateException("verify produced no finding: the recording's incidents were not processed");
        }
        return rate;
    }
}
