package io.sockshop.correlator.bench.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Datadog API that counts the calls the collector makes, per API and namespace, and answers like
 * the recorded exchanges of reference/datadog when there is nothing new: the logs search's last page
 * {@code {"data":[]}} and a metrics query with no series.
 */
public final class CountingDatadogStub implements AutoCloseable {

    public static final String LOGS = "logs";
    public static final String METRICS = "metrics";
    private static final Pattern NAMESPACE = Pattern.compile("kube_namespace:([A-Za-z0-9._-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call: which API, for which namespace, when (System.nanoTime). */
    public record Call(String api, String namespace, long at) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public CountingDatadogStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v2/logs/events/search", e -> answer(e, LOGS, "{\"data\":[]}"));
        server.createContext("/api/v1/query", e -> answer(e, METRICS,
                "{\"status\":\"ok\",\"res_type\":\"time_series\",\"resp_version\":1,\"series\":[],\"values\":[],\"times\":[],\"message\":\"\",\"group_by\":[]}"));
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, String api, String body) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query;
        if (api.equals(LOGS)) {
            JsonNode json = request.isBlank() ? null : JSON.readTree(request);
            query = json == null ? "" : json.path("filter").path("query").asText("");
        } else {
            String raw = exchange.getRequestURI().getRawQuery();
            query = raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8);
        }
        Matcher m = NAMESPACE.matcher(query);
        calls.add(new Call(api, m.find() ? m.group(1) : "", System.nanoTime()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Calls of an API whose namespace passes the filter, received in [from, to) (System.nanoTime). */
    public long count(String api, java.util.function.Predicate<String> namespace, long from, long to) {
        return calls.stream().filter(c -> c.api().equals(api) && namespace.test(c.namespace()) && c.at() >= from && c.at() < to)
                .count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
