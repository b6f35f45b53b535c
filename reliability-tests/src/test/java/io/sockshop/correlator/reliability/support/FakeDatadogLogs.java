package io.sockshop.correlator.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Datadog logs search API ({@code POST /api/v2/logs/events/search}) over a set of logs that grows
 * while the test runs. Pages are shaped like the recorded exchange
 * (collector/src/test/resources/reference/datadog/v2_Search_logs_returns_OK_response_with_pagination.json):
 * {@code data[]} of {@code {id, type: log, attributes: {timestamp, status, service, host, message, tags,
 * attributes}}}, a {@code meta.page.after} cursor and {@code links.next} while a page is not empty, and
 * {@code {"data":[]}} as the last page. It honours {@code filter.from}, {@code filter.to} and
 * {@code page.limit}, sorted by timestamp. Faults are queued: each is the answer to the next request.
 */
public final class FakeDatadogLogs implements AutoCloseable {

    public static final String PATH = "/api/v2/logs/events/search";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted failure, answering one request instead of the real page. */
    public sealed interface Fault permits Status, Hold, Slow {
    }

    /** A status, content type, body and headers, e.g. a 429 with rate-limit headers or a 502 HTML page. */
    public record Status(int status, String contentType, String body, Map<String, String> headers) implements Fault {
    }

    /** Blocks the request until {@link FakeDatadogLogs#release()}: the caller is in the middle of a call. */
    public record Hold() implements Fault {
    }

    /** Answers the real page, but only after the client's timeout has passed. */
    public record Slow(long millis) implements Fault {
    }

    public static Status tooManyRequests(int resetSeconds) {
        return new Status(429, "application/json", "{\"errors\":[\"Too many requests\"]}",
                Map.of("X-RateLimit-Limit", "300", "X-RateLimit-Period", "3600", "X-RateLimit-Remaining", "0",
                        "X-RateLimit-Reset", Integer.toString(resetSeconds), "X-RateLimit-Name", "logs_list"));
    }

    public static Status serverError() {
        return new Status(500, "application/json", "{\"errors\":[\"Internal Server Error\"]}", Map.of());
    }

    public static Status badGatewayHtml() {
        return new Status(502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", Map.of());
    }

    public static Status maintenanceHtml() {
        return new Status(200, "text/html", "<html><body>Down for maintenance</body></html>", Map.of());
    }

    /** A real page cut in half: what a dropped connection behind a proxy delivers. */
    public static final Status TRUNCATED = new Status(200, "application/json", null, Map.of());

    /** A log as the fake holds it. */
    public record Log(String id, Instant timestamp, String service, String message) {
    }

    /** A request the fake received (when it arrived), with what it answered. */
    public record Seen(Instant at, JsonNode body, int status) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Log> logs = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int holdAt = -1;
    private volatile CountDownLatch hold = new CountDownLatch(1);
    private volatile boolean holding;

    public FakeDatadogLogs() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext(PATH, this::search);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds {@code count} logs of orders at {@code timestamp} (+1 ms each); returns them. */
    public List<Log> add(int count, Instant timestamp, String tag) {
        List<Log> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = logs.size() + 1;
            Log log = new Log(String.format("AQAAAZrel%s%08d", tag, n), timestamp.plusMillis(i), "orders",
                    "Order 6900953ac1f43200" + String.format("%08d", n) + " status updated to PAID");
            logs.add(log);
            added.add(log);
        }
        return added;
    }

    public List<Log> logs() {
        return List.copyOf(logs);
    }

    /** Holds the {@code n}-th request from now (1 = the next one) until {@link #release()}. */
    public void holdRequest(int n) {
        holdAt = received.get() + n;
    }

    public void fail(Fault... next) {
        faults.addAll(List.of(next));
    }

    public int faultsLeft() {
        return faults.size();
    }

    /** A request is being held now. */
    public boolean holding() {
        return holding;
    }

    public void release() {
        hold.countDown();
    }

    /** In the order they arrived. */
    public List<Seen> requests() {
        return seen.stream().sorted(Comparator.comparing(Seen::at)).toList();
    }

    private void search(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Fault fault = received.incrementAndGet() == holdAt ? new Hold() : faults.poll();
            if (fault instanceof Hold) {
                holding = true;
                seen.add(new Seen(arrived, body, -1));
                try {
                    hold.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                holding = false;
                hold = new CountDownLatch(1);
                return; // the caller is gone by now; close the exchange without an answer
            }
            if (fault instanceof Slow slow) {
                try {
                    Thread.sleep(slow.millis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fault instanceof Status s && s != TRUNCATED) {
                seen.add(new Seen(arrived, body, s.status()));
                answer(exchange, s.status(), s.contentType(), s.body(), s.headers());
                return;
            }
            String page = page(body);
            if (fault == TRUNCATED) {
                page = page.substring(0, page.length() / 2);
            }
            seen.add(new Seen(arrived, body, 200));
            answer(exchange, 200, "application/json", page, Map.of());
        } catch (IOException e) {
            // the client went away (killed, or timed out): nothing to answer
        }
    }

    private String page(JsonNode request) {
        Instant from = Instant.parse(request.at("/filter/from").asText());
        Instant to = Instant.parse(request.at("/filter/to").asText());
        int limit = request.at("/page/limit").asInt(10);
        int offset = 0;
        if (request.at("/page/cursor").isTextual()) {
            offset = JSON.createObjectNode().numberNode(0).asInt();
            String decoded = new String(Base64.getUrlDecoder().decode(request.at("/page/cursor").asText()), StandardCharsets.UTF_8);
            offset = Integer.parseInt(decoded.replaceAll("[^0-9]", ""));
        }
        List<Log> window = logs.stream().filter(l -> !l.timestamp().isBefore(from) && l.timestamp().isBefore(to))
                .sorted(Comparator.comparing(Log::timestamp).thenComparing(Log::id)).toList();
        List<Log> slice = window.subList(Math.min(offset, window.size()), Math.min(offset + limit, window.size()));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (Log log : slice) {
            ObjectNode item = data.addObject();
            ObjectNode attributes = item.putObject("attributes");
            attributes.put("status", "info");
            attributes.put("service", log.service());
            attributes.putArray("tags").add("kube_namespace:sock-shop").add("kube_deployment:" + log.service())
                    .add("service:" + log.service()).add("source:java");
            attributes.put("timestamp", log.timestamp().toString());
            attributes.put("host", "sockshop-worker");
            attributes.putObject("attributes").put("logger_name", "works.weave.socks.orders.controllers.OrdersController");
            attributes.put("message", log.message());
            item.put("type", "log");
            item.put("id", log.id());
        }
        if (!slice.isEmpty()) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("{\"after\":" + (offset + slice.size()) + "}").getBytes(StandardCharsets.UTF_8));
            page.putObject("meta").putObject("page").put("after", cursor);
            page.putObject("links").put("next", "https://api.datadoghq.com/api/v2/logs/events?page%5Bcursor%5D=" + cursor);
        }
        return page.toString();
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body,
                               Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
