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

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's mock API server in CRUD mode, scriptable: take the watches of a resource down, change
 * objects meanwhile, and answer the next watch with 410 Gone, which is what an informer sees after a
 * long disconnect. Records every request for the RBAC the collector needs.
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

    /** Requests seen: method and path. */
    public List<String> requests() {
        return List.copyOf(dispatcher.requests);
    }

    /**
     * Changes objects while the watches of {@code resource} (e.g. {@code /pods}) are down, so no watch
     * event tells the informer; the watch then comes back with 410 Gone, as after a long disconnect.
     */
    public void whileWatchIsDown(String resource, Runnable change) {
        dispatcher.blockedResource = resource;
        for (WebSocket socket : List.copyOf(dispatcher.watches)) {
            if (socket.request().getPath().contains(resource)) {
                socket.close(1000, "scripted disconnect");
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                dispatcher.watches.stream().noneMatch(w -> w.request().getPath().contains(resource)));
        change.run();
        dispatcher.goneResource = resource;
        dispatcher.goneCount.set(1);
        dispatcher.blockedResource = null;
    }

    public int goneAnswered() {
        return dispatcher.goneAnswered.get();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static final class Dispatcher extends KubernetesCrudDispatcher {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<WebSocket> watches = new CopyOnWriteArrayList<>();
        final AtomicInteger goneCount = new AtomicInteger();
        final AtomicInteger goneAnswered = new AtomicInteger();
        volatile String goneResource = "";
        volatile String blockedResource;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request.getMethod() + " " + request.getPath());
            boolean watch = request.getPath().contains("watch=true");
            String blocked = blockedResource;
            if (watch && blocked != null && request.getPath().contains(blocked)) {
                return new MockResponse().setResponseCode(503).setBody("{\"kind\":\"Status\",\"code\":503}");
            }
            if (watch && request.getPath().contains(goneResource)
                    && goneCount.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                goneAnswered.incrementAndGet();
                // As an API server does: the watch opens, then an ERROR event carries the 410 Status.
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        webSocket.send("{\"type\":\"ERROR\",\"object\":" + GONE + "}");
                    }
                });
            }
            MockResponse response = super.dispatch(request);
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
