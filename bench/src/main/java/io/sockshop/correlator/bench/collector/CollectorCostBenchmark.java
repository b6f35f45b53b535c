package io.sockshop.correlator.bench.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.bench.Machine;
import io.sockshop.correlator.bench.Report;
import io.sockshop.correlator.bench.mix.AppSource;
import io.sockshop.correlator.bench.process.CorrelatorProcess;
import io.sockshop.correlator.bench.process.JavaProcess;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Benchmark 5: the packaged collector at its default settings, polling a counting Datadog stub, once
 * for 1 namespace and once for 50 (two processes side by side). Calls are counted after a warm-up
 * (a first start catches up {@code initial-lookback} window by window) and extrapolated to an hour,
 * next to what the documented intervals give and Datadog's documented limits. Then the intake
 * endpoint of the one-namespace collector takes Agent-shaped payloads of real Sock Shop lines from
 * several clients: records/s answered 202, and how many reached Kafka.
 */
public final class CollectorCostBenchmark {

    /** Datadog's documented default limits per organisation (rate-limits page of the API docs). */
    public static final int LOGS_QUERY_LIMIT_PER_HOUR = 300;
    public static final int TIMESERIES_QUERY_LIMIT_PER_HOUR = 1600;
    /**
     * The collector's defaults (docs/collector.md): one logs search every 15 s and 11 metric queries every
     * 30 s, shared by all its namespaces while they fit one query of {@code collector.datadog.max-query-length}
     * (3,000 characters: the 50 namespaces here do).
     */
    public static final double LOGS_PER_HOUR = 3600.0 / 15;
    public static final double METRICS_PER_HOUR = 11 * 3600.0 / 30;
    private static final String TOKEN = "bench-intake-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code initialLookback} null keeps the collector's default (15m); smoke runs shorten the first start's catch-up. */
    public record Settings(Path collectorJar, Duration warmUp, Duration window, Duration intake, int intakeClients,
                           int batch, int intakeBodies, Path workDir, String initialLookback) {
    }

    private CollectorCostBenchmark() {
    }

    public static void run(String bootstrap, Settings s, Report report) {
        if (s.collectorJar() == null || !Files.isRegularFile(s.collectorJar())) {
            throw new IllegalArgumentException("the packaged collector " + s.collectorJar() + " is missing: run "
                    + "mvn -B -ntp -pl bench -am package -DskipTests (bench.sh does)");
        }
        ObjectNode out = report.section("collector");
        List<String> fleet = IntStream.rangeClosed(1, 50).mapToObj(i -> String.format("fleet-%02d", i)).toList();
        try (CountingDatadogStub stub = new CountingDatadogStub()) {
            int soloPort = CorrelatorProcess.freePort();
            int fleetPort = CorrelatorProcess.freePort();
            try (JavaProcess solo = collector("collector-1ns", bootstrap, stub, List.of("solo-0001"), "cc1.", soloPort, s);
                 JavaProcess many = collector("collector-50ns", bootstrap, stub, fleet, "cc50.", fleetPort, s)) {
                CorrelatorProcess.awaitHttpOk(solo, "http://localhost:" + soloPort + "/q/health/ready", Duration.ofMinutes(3));
                CorrelatorProcess.awaitHttpOk(many, "http://localhost:" + fleetPort + "/q/health/ready", Duration.ofMinutes(3));
                double load = Machine.load1();
                long readyAt = System.nanoTime();
                sleep(s.warmUp());
                // A first start reads initial-lookback (15 min) back, window by window, as fast as Datadog answers:
                // count only once both collectors poll at their steady pace.
                awaitSteady(stub, List.of("solo-0001"), readyAt, Duration.ofMinutes(10));
                long steadyAfter = awaitSteady(stub, fleet, readyAt, Duration.ofMinutes(10));
                long catchUp1 = stub.count(CountingDatadogStub.METRICS, "solo-0001"::equals, readyAt, System.nanoTime())
                        + stub.count(CountingDatadogStub.LOGS, "solo-0001"::equals, readyAt, System.nanoTime());
                long catchUp50 = stub.count(CountingDatadogStub.METRICS, fleet::contains, readyAt, System.nanoTime())
                        + stub.count(CountingDatadogStub.LOGS, fleet::contains, readyAt, System.nanoTime());
                long firstSeconds = (System.nanoTime() - readyAt) / 1_000_000_000L;
                report.say("5. collector first start (initial look-back caught up, then steady; %d s): %,d calls for 1 namespace, %,d for 50",
                        firstSeconds, catchUp1, catchUp50);
                out.put("firstStartCalls1", catchUp1).put("firstStartCalls50", catchUp50).put("firstStartSeconds", firstSeconds)
                        .put("steadyAfterSeconds", steadyAfter);
                long from = System.nanoTime();
                sleep(s.window());
                long to = System.nanoTime();
                calls(stub, report, out, "1", "solo-0001"::equals, 1, from, to, s);
                calls(stub, report, out, "50", fleet::contains, 50, from, to, s);
                out.put("logsLimitPerHour", LOGS_QUERY_LIMIT_PER_HOUR).put("timeseriesLimitPerHour", TIMESERIES_QUERY_LIMIT_PER_HOUR)
                        .put("loadDuringCount", load);
                many.close();
                intake(bootstrap, soloPort, s, report, out);
            }
        }
    }

    /**
     * Waits until the calls covering the namespaces over the last 30 s are at most twice what the documented
     * intervals give (a 30 s window can hold two metric cycles; catching up runs at many times that);
     * returns the seconds it took from {@code since}.
     */
    static long awaitSteady(CountingDatadogStub stub, List<String> namespaces, long since, Duration timeout) {
        long window = 30_000_000_000L;
        double perWindow = (LOGS_PER_HOUR + METRICS_PER_HOUR) * 30 / 3600;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            long recent = stub.count(CountingDatadogStub.LOGS, namespaces::contains, now - window, now)
                    + stub.count(CountingDatadogStub.METRICS, namespaces::contains, now - window, now);
            if (now - since > window && recent <= 2 * perWindow) {
                return (now - since) / 1_000_000_000L;
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new IllegalStateException("the collector for " + namespaces.size() + " namespace(s) was still catching up after " + timeout);
    }

    private static void calls(CountingDatadogStub stub, Report report, ObjectNode out, String label,
                              java.util.function.Predicate<String> namespaces, int n, long from, long to, Settings s) {
        double hours = (to - from) / 3.6e12;
        double logs = stub.count(CountingDatadogStub.LOGS, namespaces, from, to) / hours;
        double metrics = stub.count(CountingDatadogStub.METRICS, namespaces, from, to) / hours;
        int logsWidth = stub.widest(CountingDatadogStub.LOGS, namespaces);
        int metricsWidth = stub.widest(CountingDatadogStub.METRICS, namespaces);
        report.say("5. collector, %s namespace(s), default settings: %,.0f logs searches/h (documented interval: %,.0f; Datadog limit %d/h: %.1fx) and %,.0f metric queries/h (documented: %,.0f; limit %d/h: %.1fx), measured over %d s; one call covers up to %d namespace(s) (logs) and %d (metrics)",
                label, logs, LOGS_PER_HOUR, LOGS_QUERY_LIMIT_PER_HOUR, logs / LOGS_QUERY_LIMIT_PER_HOUR,
                metrics, METRICS_PER_HOUR, TIMESERIES_QUERY_LIMIT_PER_HOUR,
                metrics / TIMESERIES_QUERY_LIMIT_PER_HOUR, s.window().toSeconds(), logsWidth, metricsWidth);
        out.withObject("/namespaces" + label).put("logsSearchesPerHour", Math.round(logs))
                .put("metricQueriesPerHour", Math.round(metrics))
                .put("documentedLogsPerHour", Math.round(LOGS_PER_HOUR))
                .put("documentedMetricsPerHour", Math.round(METRICS_PER_HOUR))
                .put("namespacesPerLogsSearch", logsWidth).put("namespacesPerMetricQuery", metricsWidth)
                .put("namespaces", n)
                .put("windowSeconds", s.window().toSeconds());
    }

    private static JavaProcess collector(String name, String bootstrap, CountingDatadogStub stub, List<String> namespaces,
                                         String prefix, int port, Settings s) {
        List<String> jvm = new ArrayList<>(List.of("-XX:MaxRAM=1g",
                "-Dcollector.kafka.bootstrap-servers=" + bootstrap,
                "-Dcollector.kafka.topic-prefix=" + prefix,
                "-Dcollector.kafka.transactional-id=bench-" + name,
                "-Dcollector.kubernetes.enabled=false",
                "-Dcollector.kubernetes.namespaces=" + String.join(",", namespaces),
                "-Dcollector.datadog.enabled=true",
                "-Dcollector.datadog.base-url=" + stub.baseUrl(),
                "-Dcollector.intake.enabled=true",
                "-Dquarkus.http.port=" + port));
        if (s.initialLookback() != null) {
            jvm.add("-Dcollector.datadog.initial-lookback=" + s.initialLookback());
        }
        return JavaProcess.start(name, jvm, List.of("-jar", s.collectorJar().toString()), s.workDir(),
                Map.of("DD_API_KEY", "bench-api-key", "DD_APP_KEY", "bench-app-key", "COLLECTOR_INTAKE_TOKEN", TOKEN));
    }

    /** Agent-shaped payloads (JSON arrays, ddtags, epoch ms) of real Sock Shop lines for namespace solo-0001. */
    static List<byte[]> payloads(int count, int batch) {
        AppSource app = new AppSource(1, Instant.now(), 3);
        List<byte[]> out = new ArrayList<>();
        double t = 0;
        for (int p = 0; p < count; p++) {
            ArrayNode array = JSON.createArrayNode();
            while (array.size() < batch) {
                CloudEvent<?> e = app.next(t += 0.01);
                if (!(e.data() instanceof DatadogLog log)) {
                    continue;
                }
                ObjectNode o = array.addObject();
                o.put("ddsource", log.service()).put("hostname", log.host()).put("service", log.service())
                        .put("status", log.status()).put("message", log.message())
                        .put("timestamp", log.timestamp().toEpochMilli())
                        .put("ddtags", log.tags().stream().map(tag -> tag.replace("sock-shop-0001", "solo-0001"))
                                .collect(Collectors.joining(",")));
            }
            try {
                out.add(JSON.writeValueAsBytes(array));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static void intake(String bootstrap, int port, Settings s, Report report, ObjectNode out) {
        // Every request distinct: the intake drops a payload it has already committed (an Agent retry), by content.
        List<byte[]> bodies = payloads(s.intakeBodies(), s.batch());
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://localhost:" + port + "/api/v2/logs");
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long end = System.nanoTime() + s.intake().toNanos();
        double load = Machine.load1();
        List<Thread> clients = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < s.intakeClients(); c++) {
            Thread t = new Thread(() -> {
                int i;
                while (System.nanoTime() < end && failure.get() == null && (i = next.getAndIncrement()) < bodies.size()) {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("DD-API-KEY", TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 202) {
                            accepted.addAndGet(s.batch());
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "intake-client-" + c);
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("intake client failed: " + failure.get(), failure.get());
        }
        long published = published(bootstrap, "cc1." + Topics.DATADOG_LOGS.name(), accepted.get(), Duration.ofSeconds(60));
        double rate = accepted.get() / seconds;
        report.say("5. intake: %,.0f records/s accepted (202) by %d clients sending %d logs per request for %.1f s; %d requests refused; %,d of %,d accepted records committed to Kafka (load average %.2f before)",
                rate, s.intakeClients(), s.batch(), seconds, refused.get(), published, accepted.get(), load);
        out.put("intakeRecordsPerSecond", Math.round(rate)).put("intakeAccepted", accepted.get())
                .put("intakeRefusedRequests", refused.get()).put("intakePublished", published)
                .put("intakeClients", s.intakeClients()).put("intakeBatch", s.batch()).put("intakeLoadBefore", load);
        if (accepted.get() == 0) {
            throw new IllegalStateException("the intake accepted nothing");
        }
    }

    /** Records on the topic readable with read_committed, waiting up to the timeout for {@code expected}. */
    static long published(String bootstrap, String topic, long expected, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long n = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (n < expected && System.nanoTime() < deadline) {
                n += c.poll(Duration.ofMillis(500)).count();
            }
            return n;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
