package io.sockshop.correlator.sandbox.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A Datadog-compatible HTTP API serving what the simulation produced, shaped like the recorded
 * exchanges of the real API: logs search v2 ({@code POST /api/v2/logs/events/search}, cursor
 * pagination, empty last page) and metrics query v1 ({@code GET /api/v1/query}). Requests need the
 * {@code DD-API-KEY} and {@code DD-APPLICATION-KEY} headers; every response carries rate-limit
 * headers and errors are Datadog's {@code {"errors":[...]}} bodies.
 */
public final class DatadogApiServer implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final LogsSearchEndpoint logs;
    private final MetricsQueryEndpoint metrics;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    public DatadogApiServer(int port, LogStore logStore, MetricStore metricStore, RateLimiter rateLimiter, Clock clock)
            throws IOException {
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.logs = new LogsSearchEndpoint(logStore, json, clock);
        this.metrics = new MetricsQueryEndpoint(metricStore, json);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "datadog-api");
            thread.setDaemon(true);
            return thread;
        }));
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL a Datadog client is pointed at, e.g. {@code http://localhost:41235}. */
    public String url() {
        return "http://localhost:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String endpoint = method + " " + path;
            if (!hasKey(exchange, "DD-API-KEY") || !hasKey(exchange, "DD-APPLICATION-KEY")) {
                send(exchange, 403, errors("Forbidden"), null);
                return;
            }
            RateLimiter.Decision decision = rateLimiter.acquire(endpoint, clock.instant());
            if (!decision.allowed()) {
                send(exchange, 429, errors("Too many requests"), decision);
                return;
            }
            try {
                switch (endpoint) {
                    case "POST /api/v2/logs/events/search" -> send(exchange, 200, logs.search(readJson(exchange)), decision);
                    case "GET /api/v1/query" -> send(exchange, 200, metrics.query(queryParameters(exchange.getRequestURI()),
                            clock.instant()), decision);
                    default -> send(exchange, 404, errors("Not found"), decision);
                }
            } catch (IllegalArgumentException e) {
                send(exchange, 400, errors(e.getMessage()), decision);
            }
        }
    }

    private static boolean hasKey(HttpExchange exchange, String header) {
        String value = exchange.getRequestHeaders().getFirst(header);
        return value != null && !value.isBlank();
    }

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IllegalArgumentException("request body too large");
            }
            if (body.length == 0) {
                throw new IllegalArgumentException("request body is required");
            }
            try {
                return json.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("invalid JSON in request body");
            }
        }
    }

    private static Map<String, String> queryParameters(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    private Object errors(String message) {
        return Map.of("errors", List.of(message));
    }

    private void send(HttpExchange exchange, int status, Object body, RateLimiter.Decision decision) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (decision != null) {
            exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(decision.limit()));
            exchange.getResponseHeaders().set("X-RateLimit-Period", Long.toString(decision.periodSeconds()));
            exchange.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
            exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
            exchange.getResponseHeaders().set("X-RateLimit-Name", decision.name());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
