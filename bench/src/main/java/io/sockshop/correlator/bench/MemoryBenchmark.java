package io.sockshop.correlator.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.bench.process.JavaProcess;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 4: the correlator's memory once it holds the state of every application and keeps
 * receiving steady traffic: resident memory sampled every second (its last value and the process's
 * peak, VmHWM, which includes the throughput run's burst), and the heap in use after a full GC (the
 * live data) and as committed by the JVM.
 */
public final class MemoryBenchmark {

    private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

    public record Result(long rssBytes, long peakRssBytes, long heapUsedAfterGcBytes, long heapCommittedBytes) {
    }

    private MemoryBenchmark() {
    }

    public static Result run(JavaProcess correlator, LatencyBenchmark.Background background, Duration steady, Report report) {
        ObjectNode out = report.section("memory");
        long maxRss = 0;
        long end = System.nanoTime() + steady.toNanos();
        long[] rss = correlator.residentBytes();
        double load = Machine.load1();
        while (System.nanoTime() < end) {
            rss = correlator.residentBytes();
            maxRss = Math.max(maxRss, rss[0]);
            background.check();
            ThroughputBenchmark.pause(1000);
        }
        rss = correlator.residentBytes();
        correlator.jcmd("GC.run");
        String heap = correlator.jcmd("GC.heap_info");
        Matcher m = USED.matcher(heap);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the heap of the correlator from jcmd GC.heap_info:\n" + heap);
        }
        long committed = Long.parseLong(m.group(1)) * 1024;
        long used = Long.parseLong(m.group(2)) * 1024;
        Result r = new Result(rss[0], rss[1], used, committed);
        String nativeMemory = correlator.jcmd("VM.native_memory", "summary");
        Matcher nmt = NMT_TOTAL.matcher(nativeMemory);
        if (nmt.find()) {
            // Started with -XX:NativeMemoryTracking (--profile): the JVM's own share of the resident set.
            long tracked = Long.parseLong(nmt.group(1)) * 1024;
            report.say("4. native memory tracking: the JVM has %d MiB committed (heap included, not all of it resident);"
                    + " the resident set exceeds that by %d MiB, memory the JVM does not track (RocksDB, glibc arenas)", mib(tracked),
                    Math.max(0, mib(r.rssBytes()) - mib(tracked)));
            out.put("jvmTrackedCommittedMiB", mib(tracked)).put("nativeMemory", nativeMemory.trim());
        }
        report.say("4. memory after %d s of steady load, state of every application held: resident %d MiB (highest in that period %d MiB, process peak %d MiB); heap %d MiB live after a full GC, %d MiB committed (target < 512 MiB resident; load average %.2f)",
                steady.toSeconds(), mib(r.rssBytes()), mib(maxRss), mib(r.peakRssBytes()), mib(used), mib(committed), load);
        out.put("residentMiB", mib(r.rssBytes())).put("residentMaxSteadyMiB", mib(maxRss))
                .put("residentPeakMiB", mib(r.peakRssBytes())).put("heapLiveMiB", mib(used))
                .put("heapCommittedMiB", mib(committed)).put("load", load).put("heapInfo", heap.trim());
        return r;
    }

    static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
