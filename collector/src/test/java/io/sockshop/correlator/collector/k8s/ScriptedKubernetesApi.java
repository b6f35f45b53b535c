package io.sockshop.correlator.collector.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's mock API server in CRUD mode, scriptable with the failures a real API server gives an
 * informer: watches dropped, watches refused while the server is busy, {@code 410 Gone} on the next
 * watch attempts (the resourceVersion is too old, so the informer must list again), and slow lists (so
 * a collector can be killed in the middle of a relist). Served over HTTP, so a collector process can
 * use it too (the reliability tests do, through this module's test jar). Records every request.
 */
public final class ScriptedKubernetesApi implements AutoCloseable {

    private static final String GONE = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"too old resource version: 1 (2)\",\"reason\":\"Expired\",\"code\":410}";

    private final Dispatcher dispatcher = new Dispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public ScriptedKubernetesApi() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    /** A fresh client of the same server, as a restarted collector would have. */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    public String url() {
        return server.url("/");
    }

    /**
     * Changes objects while the watches of {@code resource} (e.g. {@code /pods}) are down, so no watch
     * event tells the informer; the watch then comes back with 410 Gone, as after a long disconnect.
     */
    public void whileWatchIsDown(String resource, Runnable change) {
        block(resource);
        dropWatches(resource);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> openWatches(resource) == 0);
        change.run();
        gone(resource, 1);
        unblock(resource);
    }

    /** Watches of {@code resource} (e.g. {@code /pods}) are refused with 503 until {@link #unblock}. */
    public void block(String resource) {
        dispatcher.blocked.put(resource, Boolean.TRUE);
    }

    public void unblock(String resource) {
        dispatcher.blocked.remove(resource);
    }

    /** Closes the open watches of {@code resource}, as a load balancer or an API server restart does. */
    public int dropWatches(String resource) {
        int dropped = 0;
        for (WebSocket socket : List.copyOf(dispatcher.watches)) {
            if (socket.request().getPath().contains(resource)) {
                socket.close(1001, "scripted drop");
                dropped++;
            }
        }
        return dropped;
    }

    public long openWatches(String resource) {
        return dispatcher.watches.stream().filter(w -> w.request().getPath().contains(resource)).count();
    }

    /** The next {@code n} watch attempts of {@code resource} open and get an ERROR event with 410 Gone. */
    public void gone(String resource, int n) {
        dispatcher.gone.computeIfAbsent(resource, r -> new AtomicInteger()).addAndGet(n);
    }

    public int goneAnswered() {
        return dispatcher.goneAnswered.get();
    }

    /** The next list of {@code resource} (not a watch) answers after {@code delay}. */
    public void slowNextList(String resource, Duration delay) {
        dispatcher.slowList.put(resource, delay);
    }

    /** Lists of {@code resource} received so far (the informers' initial lists and relists). */
    public int lists(String resource) {
        return dispatcher.lists.getOrDefault(resource, new AtomicInteger()).get();
    }

    /** Every request, as {@code <answer> <method> <path>}, for the test's record. */
    public List<String> requests() {
        return List.copyOf(dispatcher.requests);
    }

    /** Lists of {@code resource} that were held by {@link #slowNextList}. */
    public int slowListsAnswered() {
        return dispatcher.slowAnswered.get();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static String resourceOf(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return p.substring(p.lastIndexOf('/'));
    }

    private static final class Dispatcher extends KubernetesCrudDispatcher {
        final List<WebSocket> watches = new CopyOnWriteArrayList<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Map<String, Boolean> blocked = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> gone = new ConcurrentHashMap<>();
        final Map<String, Duration> slowList = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> lists = new ConcurrentHashMap<>();
        final AtomicInteger goneAnswered = new AtomicInteger();
        final AtomicInteger slowAnswered = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            boolean watch = path.contains("watch=true");
            String resource = resourceOf(path);
            if (watch && blocked.containsKey(resource)) {
                requests.add(java.time.Instant.now() + " 503 " + request.getMethod() + " " + path);
                return new MockResponse().setResponseCode(503).setBody("{\"kind\":\"Status\",\"code\":503}");
            }
            AtomicInteger goneLeft = gone.get(resource);
            if (watch && goneLeft != null && goneLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                goneAnswered.incrementAndGet();
                requests.add(java.time.Instant.now() + " 410 " + request.getMethod() + " " + path);
                // As an API server does: the watch opens, then an ERROR event carries the 410 Status.
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        webSocket.send("{\"type\":\"ERROR\",\"object\":" + GONE + "}");
                    }
                });
            }
            MockResponse response = super.dispatch(request);
            requests.add(java.time.Instant.now() + " " + response.code() + " " + request.getMethod() + " " + path);
            if (!watch && "GET".equals(request.getMethod())) {
                lists.computeIfAbsent(resource, r -> new AtomicInteger()).incrementAndGet();
                Duration delay = slowList.remove(resource);
                if (delay != null) {
                    slowAnswered.incrementAndGet();
                    response.setBodyDelay(delay);
                }
            }
            WebSocketListener listener = response.getWebSocketListener();
            if (watch && listener != null) {
                response.withWebSocketUpgrade(new Capturing(listener, watches));
            }
            return response;
        }
    }

    private static final class Capturing extends WebSocketListener {
        private final WebSocketListener delegate;
        private final List<WebSocket> sockets;

        Capturing(WebSocketListener delegate, List<WebSocket> sockets) {
            this.delegate = delegate;
            this.sockets = sockets;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            sockets.add(webSocket);
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            sockets.remove(webSocket);
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            sockets.remove(webSocket);
            delegate.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            sockets.remove(webSocket);
            delegate.onFailure(webSocket, t, response);
        }
    }
}
