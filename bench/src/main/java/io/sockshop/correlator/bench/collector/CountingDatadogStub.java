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
 * A Datadog API that counts the calls the collector makes, per API and the namespaces each call
 * covers (one, {@code kube_namespace:(a OR b)} in a logs search, {@code kube_namespace IN (a, b)} in a
 * metrics query), and answers like
 * the recorded exchanges of reference/datadog when there is nothing new: the logs search's last page
 * {@code {"data":[]}} and a metrics query with no series.
 */
public final class CountingDatadogStub implements AutoCloseable {

    public static final String LOGS = "logs";
    public static final String METRICS = "metrics";
    private static final Pattern NAMESPACE = Pattern.compile("kube_namespace:([A-Za-z0-9._-]+)");
    private static final Pattern NAMESPACES = Pattern.compile("kube_namespace(?::\\(| IN \\()([^)]*)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call: which API, for which namespaces, when (System.nanoTime). */
    public record Call(String api, List<String> namespaces, long at) {
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
        calls.add(new Call(api, namespaces(query), System.nanoTime()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The namespaces a query names. */
    static List<String> namespaces(String query) {
        Matcher many = NAMESPACES.matcher(query);
        if (many.find()) {
            return java.util.Arrays.stream(many.group(1).split(" OR |,")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        Matcher one = NAMESPACE.matcher(query);
        return one.find() ? List.of(one.group(1)) : List.of();
    }

    /** Calls of an API covering a namespace that passes the filter, received in [from, to) (System.nanoTime). */
    public long count(String api, java.util.function.Predicate<String> namespace, long from, long to) {
        return calls.stream().filter(c -> c.api().equals(api) && c.namespaces().stream().anyMatch(namespace)
                && c.at() >= from && c.at() < to).count();
    }

    /** The most namespaces one call of an API covered, among calls covering a namespace that passes the filter. */
    public int widest(String api, java.util.function.Predicate<String> namespace) {
        return calls.stream().filter(c -> c.api().equals(api) && c.namespaces().stream().anyMatch(namespace))
                .mapToInt(c -> c.namespaces().size()).max().orElse(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
