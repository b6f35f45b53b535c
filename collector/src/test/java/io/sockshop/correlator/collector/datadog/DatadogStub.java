package io.sockshop.correlator.collector.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sockshop.correlator.collector.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stub of the Datadog API answering from a script of responses shaped exactly like the recorded
 * exchanges under reference/datadog (bodies, {@code Content-Type}, the {@code {"data":[]}} last page),
 * plus the failures real Datadog gives: 429 with rate-limit headers, 5xx, HTML pages, truncated JSON.
 * When the script of a path is empty it answers like the recording's last page.
 */
public final class DatadogStub implements AutoCloseable {

    static final String LOGS_PATH = "/api/v2/logs/events/search";
    static final String METRICS_PATH = "/api/v1/query";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        public static Answer json(String body) {
            return new Answer(200, "application/json", body, Map.of());
        }
    }

    /** A request the stub received. */
    public record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> logs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Answer> metrics = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer logsOutage;

    public DatadogStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(LOGS_PATH, exchange -> answer(exchange, logs, "{\"data\":[]}"));
        server.createContext(METRICS_PATH, exchange -> answer(exchange, metrics,
                "{\"status\":\"ok\",\"res_type\":\"time_series\",\"resp_version\":1,\"series\":[],\"values\":[],\"times\":[],\"message\":\"\",\"group_by\":[]}"));
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public DatadogStub logs(Answer... answers) {
        logs.addAll(List.of(answers));
        return this;
    }

    public DatadogStub metrics(Answer... answers) {
        metrics.addAll(List.of(answers));
        return this;
    }

    /** Until cleared (null), every logs request past the script gets this answer. */
    public void logsOutage(Answer answer) {
        logsOutage = answer;
    }

    public List<Seen> requests(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    /** The response bodies of a recorded exchange file, in order. */
    public static List<Answer> recorded(String file) {
        List<Answer> answers = new ArrayList<>();
        for (JsonNode exchange : Fixtures.json("datadog/" + file)) {
            JsonNode response = exchange.get("httpResponse");
            answers.add(new Answer(response.get("statusCode").asInt(),
                    response.get("headers").get("Content-Type").get(0).asText(), response.get("body").asText(), Map.of()));
        }
        return answers;
    }

    private void answer(HttpExchange exchange, ConcurrentLinkedQueue<Answer> script, String lastPage) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
        Answer outage = script == logs ? logsOutage : null;
        Answer answer = script.poll();
        if (answer == null) {
            answer = outage != null ? outage : Answer.json(lastPage);
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
