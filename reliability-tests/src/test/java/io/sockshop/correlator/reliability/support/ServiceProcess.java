package io.sockshop.correlator.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * One of the packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as its own
 * process, the way it runs in production: settings as system properties and environment variables,
 * a free HTTP port, its output in {@code target/reliability-logs/}. {@link #kill()} is a SIGKILL (no
 * shutdown hook runs, open transactions stay open), as an OOM kill or a node loss would be.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final AtomicInteger STARTED = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param jar        the packaged application
     * @param heap       the -Xmx value, e.g. {@code 256m}
     * @param properties system properties (Quarkus reads them as configuration)
     * @param env        environment variables
     */
    public static ServiceProcess start(String name, Path jar, String heap, Map<String, String> properties,
                                       Map<String, String> env) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the packaged " + name + " is missing: " + jar
                    + " (build it with the reactor: mvn -pl reliability-tests -am verify)");
        }
        try {
            int port = freePort();
            Path logs = Files.createDirectories(Path.of("target", "reliability-logs"));
            Path log = logs.resolve(name + "-" + STARTED.incrementAndGet() + ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-XX:+UseG1GC", "-Dquarkus.http.port=" + port, "-Dquarkus.banner.enabled=false"));
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new ServiceProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200; fails at once, with the output, if the process died. */
    public ServiceProcess awaitReady(Duration atMost) {
        await(name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(250)).until(this::ready);
        return this;
    }

    /** Readiness now; false while the process cannot be reached. */
    public boolean ready() {
        return healthStatus("/q/health/ready") == 200;
    }

    /** The status code of a health endpoint, or -1 when the process does not answer. */
    public int healthStatus(String path) {
        assertAlive();
        try {
            return get(path, Map.of()).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus metrics, parsed. */
    public Prometheus metrics(Map<String, String> headers) {
        HttpResponse<String> response = get("/q/metrics", headers);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " /q/metrics answered " + response.statusCode());
        }
        return Prometheus.parse(response.body());
    }

    public Prometheus metrics() {
        return metrics(Map.of());
    }

    /**
     * The heap in use right after a full collection, in bytes: what the process really keeps. Asks the
     * JVM through {@code jcmd} (part of every JDK), so the service needs no test hook.
     */
    public long heapAfterGc() {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("cannot read the heap of " + name);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** Resident memory of the process (heap, metaspace, threads, RocksDB, buffers), in bytes; Linux only. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jcmd(String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid()), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed for " + name + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no close, no commit; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: a graceful stop, as Kubernetes does before it kills. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    private void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its output (" + log
                    + "):\n" + tail(output(), 6000));
        }
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prometheus text format, enough to read counters and gauges by name and labels. */
    public record Prometheus(Map<String, Double> samples) {

        static Prometheus parse(String text) {
            Map<String, Double> samples = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                try {
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                } catch (NumberFormatException e) {
                    // NaN and the like are kept out
                }
            }
            return new Prometheus(samples);
        }

        /** The sum of every sample of {@code name} whose labels include all of {@code labels} ("k=\"v\""). */
        public double sum(String name, String... labels) {
            double total = 0;
            for (var e : samples.entrySet()) {
                String key = e.getKey();
                String sampleName = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
                if (!sampleName.equals(name)) {
                    continue;
                }
                boolean all = true;
                for (String label : labels) {
                    all &= key.contains(label);
                }
                if (all) {
                    total += e.getValue();
                }
            }
            return total;
        }
    }
}
