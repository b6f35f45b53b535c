package io.sockshop.correlator.injector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock Kubernetes API in CRUD mode, served over HTTP on a free port and seeded with the
 * Sock Shop namespace of the upstream manifest (fixtures/complete-demo.yaml): the real Deployment
 * names, containers and resources the scenarios act on.
 */
public final class SockShopCluster implements AutoCloseable {

    public static final String NAMESPACE = "sock-shop";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public SockShopCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        try (InputStream manifest = SockShopCluster.class.getResourceAsStream("/fixtures/complete-demo.yaml")) {
            for (HasMetadata object : client.load(manifest).items()) {
                if (object instanceof Namespace || object instanceof Deployment
                        || object instanceof io.fabric8.kubernetes.api.model.Service) {
                    client.resource(object).create();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the Sock Shop manifest fixture", e);
        }
        requests();
    }

    /** A client of the mock API. */
    public KubernetesClient client() {
        return client;
    }

    /** The base URL, for an injector configured with {@code injector.kubernetes.mode=url}. */
    public String url() {
        return server.url("/");
    }

    /**
     * What the injector may change, in comparable form: every Deployment's spec and the Jobs and
     * ConfigMaps of the namespace. resourceVersions are left out (a restore is a write); the specs
     * must be equal field by field.
     */
    public Map<String, JsonNode> state() {
        Map<String, JsonNode> state = new TreeMap<>();
        client.apps().deployments().inNamespace(NAMESPACE).list().getItems().forEach(d ->
                state.put("Deployment/" + d.getMetadata().getName(), MAPPER.valueToTree(d.getSpec())));
        client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().forEach(j ->
                state.put("Job/" + j.getMetadata().getName(), MAPPER.valueToTree(j.getSpec())));
        client.configMaps().inNamespace(NAMESPACE).list().getItems().forEach(c ->
                state.put("ConfigMap/" + c.getMetadata().getName(), MAPPER.valueToTree(c.getData())));
        return state;
    }

    /** Every object's resourceVersion: unchanged versions prove nothing was written. */
    public Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        client.apps().deployments().inNamespace(NAMESPACE).list().getItems().forEach(d ->
                versions.put("Deployment/" + d.getMetadata().getName(), d.getMetadata().getResourceVersion()));
        client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().forEach(j ->
                versions.put("Job/" + j.getMetadata().getName(), j.getMetadata().getResourceVersion()));
        client.configMaps().inNamespace(NAMESPACE).list().getItems().forEach(c ->
                versions.put("ConfigMap/" + c.getMetadata().getName(), c.getMetadata().getResourceVersion()));
        return versions;
    }

    public Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    /** The requests received since the last call (method and path), oldest first. */
    public List<String> requests() {
        List<String> requests = new ArrayList<>();
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                requests.add(request.getMethod() + " " + request.getPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return requests;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
