package io.sockshop.correlator.reliability;

import io.sockshop.correlator.api.TopicWriter;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.ApiProcesses;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged API under abuse: no token and a wrong token get 401, an oversized body 413, an oversized
 * header 431 and an oversized URL 414, each without a 5xx. A client bursting past its request rate gets
 * 429 problems with Retry-After while other clients are served. Then {@value #SILENT} stream clients
 * connect and never read while thousands of findings are published in transactions of {@value #BATCH}
 * (with {@code max-lag} {@value #BATCH}): the clients past the limit get 429, the silent ones are dropped
 * as stalled or too slow, a client that reads gets every finding exactly once meanwhile, and the heap
 * after a collection stays within a bound.
 */
@WithKafka
class ApiAbuseTest {

    /** The API's default {@code correlator.api.sse.max-clients}. */
    static final int MAX_CLIENTS = 2000;
    /** With the one reading client, one more than the limit. */
    static final int SILENT = MAX_CLIENTS;
    static final int OVER_LIMIT = 30;
    static final int FINDINGS = 3000;
    /** Findings per transaction, and the max-lag: a commit lands at once, as a busy correlator's do. */
    static final int BATCH = 500;
    /** This test's per-client rate limit (the defaults, 100/s in bursts of 1,000, are for real clients). */
    static final int RATE = 2;
    static final int BURST = 40;
    static final int BURST_REQUESTS = 200;

    @Test
    void tokensSizesAndThousandsOfStreamClientsThatNeverRead(KafkaBroker broker) throws Exception {
        String prefix = KafkaBroker.uniqueName("abuse") + ".";
        Map<String, String> settings = ApiProcesses.settings(broker, prefix);
        settings.put("correlator.api.sse.stall-timeout", "5s");
        // Lag counts only findings that arrive while a client does not read: a silent client is dropped once a
        // commit more arrives while its socket is full (or when it stays full for 5 s), a reading one never for lag.
        settings.put("correlator.api.sse.max-lag", Integer.toString(BATCH));
        settings.put("correlator.api.rate-limit.requests-per-second", Integer.toString(RATE));
        settings.put("correlator.api.rate-limit.burst", Integer.toString(BURST));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ServiceProcess api = ApiProcesses.start("api-abuse", settings, "384m")) {
            String base = api.baseUrl();
            assertThat(status(http, get(base + "/api/v1/incidents"))).isEqualTo(401);
            assertThat(status(http, get(base + "/api/v1/incidents").header("Authorization", "Bearer wrong"))).isEqualTo(401);
            assertThat(status(http, get(base + "/mcp").header("Authorization", "Bearer " + "w".repeat(200)))).isEqualTo(401);
            assertThat(status(http, get(base + "/q/metrics"))).isEqualTo(401);
            // With Expect: 100-continue (as curl sends for a large body) the 413 comes before the body is sent; without
            // it the server may close the connection while the client is still sending, and the client sees no answer.
            assertThat(status(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents")).expectContinue(true)
                    .header("Authorization", "Bearer " + ApiProcesses.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[256 * 1024])))).isEqualTo(413);
            assertThat(status(http, get(base + "/api/v1/incidents").header("Authorization", "Bearer " + ApiProcesses.TOKEN)
                    .header("X-Padding", "p".repeat(32 * 1024)))).isEqualTo(431);
            assertThat(status(http, get(base + "/api/v1/incidents?application=" + "a".repeat(16 * 1024))
                    .header("Authorization", "Bearer " + ApiProcesses.TOKEN))).isEqualTo(414);
            burstPastTheRateLimit(api, http);
            long heapAtRest = api.heapAfterGc();

            List<Socket> silent = new ArrayList<>();
            try (SseReader reader = new SseReader(api.port())) {
                for (int i = 0; i < SILENT; i++) {
                    silent.add(silentStream(api.port()));
                }
                // Under thousands of opening connections a metrics scrape can time out: that poll is retried.
                await("silent clients connected").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class)
                        .until(() -> api.metrics(ApiProcesses.auth()).sum("correlator_api_sse_clients") >= MAX_CLIENTS);
                int refused = 0;
                for (int i = 0; i < OVER_LIMIT; i++) {
                    if (status(http, get(base + "/api/v1/findings/stream").header("Authorization", "Bearer " + ApiProcesses.TOKEN)
                            .header("Accept", "text/event-stream")) == 429) {
                        refused++;
                    }
                }
                assertThat(refused).as("streams past the limit").isEqualTo(OVER_LIMIT);

                publish(broker, prefix);
                long heapUnderLoad = api.heapAfterGc();
                await("silent clients dropped").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class)
                        .until(() -> api.metrics(ApiProcesses.auth()).sum("correlator_api_sse_dropped_total") >= MAX_CLIENTS - 1);
                var metrics = api.metrics(ApiProcesses.auth());
                assertThat(metrics.sum("correlator_api_sse_clients")).as("only the reading client is left").isLessThanOrEqualTo(1.0);
                try {
                    await("the reading client got every finding").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                            .until(() -> reader.findings() >= FINDINGS);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("the reading client got " + reader.findings() + " of " + FINDINGS + " findings over "
                            + reader.connections() + " connection(s), dropped " + reader.drops() + " time(s)", e);
                }
                assertThat(reader.findings()).as("every finding").isEqualTo(FINDINGS);
                assertThat(reader.events()).as("finding events received: none twice").isEqualTo(FINDINGS);
                long heapAfter = api.heapAfterGc();
                System.out.printf("[api-abuse] heap after GC: at rest %d MiB, %d silent clients and %d findings %d MiB, "
                                + "after the drops %d MiB; resident %d MiB; dropped %s; the reading client got %d findings over %d "
                                + "connection(s), dropped %d time(s)%n", heapAtRest >> 20, SILENT, FINDINGS,
                        heapUnderLoad >> 20, heapAfter >> 20, api.residentBytes() >> 20, metrics.samples().entrySet().stream()
                                .filter(e -> e.getKey().startsWith("correlator_api_sse_dropped_total")).toList(),
                        reader.findings(), reader.connections(), reader.drops());
                assertThat(metrics.samples().keySet().stream().filter(k -> k.startsWith("correlator_api_sse_dropped_total")))
                        .as("every drop counted with its reason").isNotEmpty().allMatch(k -> k.contains("reason=\""));
                assertThat(heapUnderLoad).as("heap with every silent client connected").isLessThan(heapAtRest + (160L << 20));
                // Not back to rest: the API keeps the 3,000 findings it serves (its store and the stream ring).
                assertThat(heapAfter).as("heap once they are dropped").isLessThan(heapAtRest + (160L << 20));
                assertThat(api.isAlive()).isTrue();
                assertThat(api.ready()).isTrue();
            } finally {
                for (Socket s : silent) {
                    s.close();
                }
            }
        }
    }

    /**
     * {@value #BURST_REQUESTS} requests as fast as they go from 127.0.0.3 (the rate limit tells clients apart
     * by address): the first {@value #BURST} are served, then 429 problems with Retry-After, and no more are
     * served than the burst plus the rate over the time taken; meanwhile clients at other addresses are served.
     */
    private static void burstPastTheRateLimit(ServiceProcess api, HttpClient http) throws Exception {
        int served = 0;
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < BURST_REQUESTS; i++) {
            RawResponse r = RawResponse.get("127.0.0.3", api.port(), i % 2 == 0 ? "/api/v1/incidents" : "/api/v1/scorecard");
            if (r.status() == 200) {
                served++; // the first BURST, then one now and then as the rate refills the bucket
                continue;
            }
            assertThat(r.status()).as("request %d: %s", i, r.text()).isEqualTo(429);
            assertThat(r.header("content-type")).startsWith("application/problem+json");
            assertThat(Long.parseLong(r.header("retry-after"))).isPositive();
            assertThat(r.body()).contains("urn:sockshop-correlator:problem:too-many-requests").contains("\"status\":429");
            refused++;
            if (refused == 1) {
                assertThat(status(http, get(api.baseUrl() + "/api/v1/incidents").header("Authorization", "Bearer "
                        + ApiProcesses.TOKEN))).as("another client (127.0.0.1) meanwhile").isEqualTo(200);
                assertThat(RawResponse.get("127.0.0.4", api.port(), "/api/v1/incidents").status())
                        .as("another client (127.0.0.4) meanwhile").isEqualTo(200);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[api-abuse] burst of %d requests in %.1f s from one client at %d/s, bursts of %d: %d served,"
                + " %d refused with 429%n", BURST_REQUESTS, seconds, RATE, BURST, served, refused);
        assertThat(served).as("the burst is served whole").isGreaterThanOrEqualTo(BURST);
        assertThat(served).as("no more than the burst and the rate over %.1f s", seconds)
                .isLessThanOrEqualTo(BURST + (int) Math.ceil(RATE * seconds) + 1);
        assertThat(refused).isEqualTo(BURST_REQUESTS - served).isPositive();
        assertThat(status(http, get(api.baseUrl() + "/api/v1/incidents").header("Authorization", "Bearer "
                + ApiProcesses.TOKEN))).as("other clients after the burst").isEqualTo(200);
        assertThat(api.metrics(ApiProcesses.auth()).sum("correlator_api_requests_rate_limited_total"))
                .isGreaterThanOrEqualTo(refused);
    }

    /** One HTTP/1.1 GET with the token on a connection of its own from {@code localAddress}, read to its end. */
    private record RawResponse(int status, Map<String, String> headers, String body) {
        static RawResponse get(String localAddress, int port, String path) throws IOException {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(localAddress, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Authorization: Bearer " + ApiProcesses.TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                String[] head = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
                Map<String, String> headers = new java.util.HashMap<>();
                for (int i = 1; i < head.length; i++) {
                    int colon = head[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(head[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                                head[i].substring(colon + 1).trim());
                    }
                }
                return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), headers, end < 0 ? "" : text.substring(end + 4));
            }
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        String text() {
            return status + " " + headers + " " + body;
        }
    }

    /** A stream request written to a socket that is never read, with a receive buffer kept small. */
    private static Socket silentStream(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/findings/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + ApiProcesses.TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static void publish(KafkaBroker broker, String prefix) {
        String app = "kind-abuse/sock-shop";
        try (TopicWriter writer = new TopicWriter(broker.bootstrapServers())) {
            List<io.sockshop.correlator.model.CloudEvent<Finding>> batch = new ArrayList<>();
            for (int i = 1; i <= FINDINGS; i++) {
                String id = app.replace('/', '.') + ".dependency-down-inconsistency.payment." + (1762342800 + i / 10);
                Finding f = io.sockshop.correlator.api.Fixtures.paymentDown(app, id, 1 + i % 10,
                        i % 10 == 0 ? IncidentStatus.OPEN : IncidentStatus.UPDATED, Instant.parse("2025-11-05T11:20:00Z")
                                .plusSeconds(i), List.of(io.sockshop.correlator.api.Fixtures.ORDER_ID));
                batch.add(Events.finding(f));
                if (batch.size() == BATCH) {
                    writer.commit(Topics.FINDINGS.withPrefix(prefix), batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                writer.commit(Topics.FINDINGS.withPrefix(prefix), batch);
            }
        }
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    private static int status(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        assertThat(response.statusCode()).isLessThan(500);
        return response.statusCode();
    }

    /**
     * A well-behaved stream client: it reads as fast as it can and, when the API drops it anyway (on a
     * loaded machine it can fall more than {@code max-lag} behind too), reconnects with {@code Last-Event-ID}
     * as an SSE client does, so it still gets every finding once; findings are counted by event id.
     */
    private static final class SseReader implements AutoCloseable {
        private static final int MAX_CONNECTIONS = 100;
        private final int port;
        private final Thread thread;
        private final java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile Socket socket;
        private volatile boolean closed;
        private volatile String lastId;
        private volatile int connections;
        private volatile int drops;
        private final java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();

        /** Connects before it returns, so the reading client holds a stream slot before the silent ones come. */
        SseReader(int port) throws IOException {
            this.port = port;
            Socket first = connect();
            thread = new Thread(() -> run(first), "sse-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private Socket connect() throws IOException {
            connections++;
            Socket s = new Socket("localhost", port);
            socket = s;
            s.getOutputStream().write(("GET /api/v1/findings/stream HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + ApiProcesses.TOKEN + "\r\n"
                    + (lastId == null ? "" : "Last-Event-ID: " + lastId + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return s;
        }

        private void run(Socket first) {
            Socket s = first;
            while (!closed) {
                try (Socket current = s) {
                    read(current);
                } catch (IOException e) {
                    // closed by us or by the API
                }
                if (closed || connections >= MAX_CONNECTIONS) {
                    return;
                }
                try {
                    s = connect();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void read(Socket s) throws IOException {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String id = null;
            String event = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.isEmpty()) {
                    if ("finding".equals(event) && id != null) {
                        events.incrementAndGet();
                        ids.add(id);
                        lastId = id;
                    } else if ("dropped".equals(event)) {
                        drops++;
                    }
                    id = null;
                    event = null;
                }
            }
        }

        int findings() {
            return ids.size();
        }

        int events() {
            return events.get();
        }

        int connections() {
            return connections;
        }

        int drops() {
            return drops;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            Socket s = socket;
            if (s != null) {
                s.close();
            }
        }
    }
}
