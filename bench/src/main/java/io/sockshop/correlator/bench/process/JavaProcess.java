package io.sockshop.correlator.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of the harness: the correlator, the plain consumer. Its standard output is kept (lines
 * are matched by the harness) and copied with its standard error to a log file; its resident memory
 * is read from /proc, its heap through jcmd.
 */
public final class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::pump, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static String jcmdExecutable() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
    }

    /** Starts {@code java <jvmArgs> <launch...>}; output goes to {@code logDir/<name>.log}. */
    public static JavaProcess start(String name, List<String> jvmArgs, List<String> launch, Path logDir) {
        return start(name, jvmArgs, launch, logDir, java.util.Map.of());
    }

    /** As {@link #start(String, List, List, Path)}, with environment variables added (secrets the child reads only from there). */
    public static JavaProcess start(String name, List<String> jvmArgs, List<String> launch, Path logDir,
                                    java.util.Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.addAll(jvmArgs);
        command.addAll(launch);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Files.writeString(log, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process p = builder.start();
            return new JavaProcess(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            lines.add("[harness] output of " + name + " lost: " + e);
        }
    }

    /** Waits for a line of its output; fails with the log's tail if the process dies or time runs out. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++) {
                if (match.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            if (!process.isAlive() && seen >= lines.size()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before the expected output; see "
                        + log + "\n" + tail());
            }
            pause(50);
        }
        throw new IllegalStateException(name + " did not print the expected output within " + timeout + "; see " + log
                + "\n" + tail());
    }

    public String tail() {
        int from = Math.max(0, lines.size() - 20);
        return String.join("\n", lines.subList(from, lines.size()));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Resident set size now (VmRSS) and its peak so far (VmHWM), in bytes, from /proc. */
    public long[] residentBytes() {
        try {
            long rss = -1;
            long hwm = -1;
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    rss = kib(l);
                } else if (l.startsWith("VmHWM:")) {
                    hwm = kib(l);
                }
            }
            return new long[]{rss, hwm};
        } catch (IOException e) {
            return new long[]{-1, -1};
        }
    }

    private static long kib(String statusLine) {
        String[] parts = statusLine.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }

    /** Runs a jcmd diagnostic command against it and returns its output. */
    public String jcmd(String... command) {
        List<String> c = new ArrayList<>();
        c.add(jcmdExecutable());
        c.add(Long.toString(pid()));
        c.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd " + c + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for it to end by itself. */
    public int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still running after " + timeout + "; see " + log + "\n" + tail());
            }
            pause(100); // let the output pump drain the last lines
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then SIGKILL after 30 s: the correlator closes Kafka Streams cleanly on SIGTERM. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
