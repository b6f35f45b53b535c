package io.sockshop.correlator.reliability.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The packaged collector as a process, on topics of its own (a prefix) and its own transactional id. */
public final class CollectorProcesses {

    public static final String INTAKE_TOKEN = "reliability-intake-token";
    public static final String DD_API_KEY = "0123456789abcdef0123456789abcdef";
    public static final String DD_APP_KEY = "fedcba9876543210fedcba9876543210fedcba98";

    private CollectorProcesses() {
    }

    /** Kafka only: no Kubernetes, no Datadog, no intake; add what the test needs. */
    public static Map<String, String> settings(String bootstrap, String prefix) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("collector.kafka.bootstrap-servers", bootstrap);
        p.put("collector.kafka.topic-prefix", prefix);
        p.put("collector.kafka.transactional-id", "collector-" + prefix);
        p.put("collector.kafka.retry-backoff", "200ms");
        p.put("collector.kubernetes.enabled", "false");
        p.put("collector.datadog.enabled", "false");
        p.put("collector.intake.enabled", "false");
        return p;
    }

    public static Map<String, String> withKubernetes(Map<String, String> p, String apiServerUrl) {
        p.put("collector.kubernetes.enabled", "true");
        p.put("collector.kubernetes.api-server-url", apiServerUrl);
        p.put("collector.kubernetes.events-api", "core");
        p.put("collector.kubernetes.namespaces", "sock-shop");
        return p;
    }

    public static Map<String, String> withIntake(Map<String, String> p) {
        p.put("collector.intake.enabled", "true");
        p.put("collector.intake.token", INTAKE_TOKEN);
        return p;
    }

    public static Map<String, String> withDatadog(Map<String, String> p, URI baseUrl) {
        p.put("collector.datadog.enabled", "true");
        p.put("collector.datadog.base-url", baseUrl.toString());
        return p;
    }

    /** Started, not yet ready: a test may want to see it become ready, or not. */
    public static ServiceProcess start(String name, Map<String, String> settings) {
        return ServiceProcess.start(name, Apps.jar("collector"), "256m", settings,
                Map.of("DD_API_KEY", DD_API_KEY, "DD_APP_KEY", DD_APP_KEY));
    }

    /** Posts logs to the intake as the Datadog Agent does; returns the status. */
    public static HttpResponse<String> postLogs(ServiceProcess collector, String jsonArray, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(collector.baseUrl() + "/api/v2/logs"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonArray));
        headers.forEach(request::header);
        return collector.send(request.build());
    }

    public static HttpResponse<String> postLogs(ServiceProcess collector, String jsonArray) {
        return postLogs(collector, jsonArray, Map.of("DD-API-KEY", INTAKE_TOKEN));
    }

    /** Agent-shaped logs of orders in sock-shop, one per message, timestamped now. */
    public static String agentLogs(List<String> messages) {
        StringBuilder json = new StringBuilder("[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"ddsource\":\"java\",\"ddtags\":\"kube_namespace:sock-shop,kube_deployment:orders\",")
                    .append("\"hostname\":\"sockshop-worker\",\"service\":\"orders\",\"status\":\"info\",")
                    .append("\"timestamp\":").append(now + i).append(",\"message\":\"").append(messages.get(i)).append("\"}");
        }
        return json.append(']').toString();
    }
}
