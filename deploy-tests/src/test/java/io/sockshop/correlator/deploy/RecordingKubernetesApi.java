package io.sockshop.correlator.deploy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's mock API server in CRUD mode that records every request of the client under test (method
 * and path), told from the test's own requests by its User-Agent.
 */
final class RecordingKubernetesApi implements AutoCloseable {

    private static final String UNDER_TEST = "sockshop-correlator-under-test";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient admin;

    RecordingKubernetesApi() {
        KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (UNDER_TEST.equals(request.getHeader("User-Agent"))) {
                    requests.add(request.getMethod() + " " + request.getPath());
                }
                return super.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        admin = server.createClient();
    }

    /** A client for the test's own changes, which are not recorded. */
    KubernetesClient admin() {
        return admin;
    }

    /** A client for the service under test: its requests are recorded. */
    KubernetesClient clientUnderTest() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(admin.getConfiguration())
                .withUserAgent(UNDER_TEST).build()).build();
    }

    /** Every recorded request, oldest first. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
