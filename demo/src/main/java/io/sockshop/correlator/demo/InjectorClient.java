package io.sockshop.correlator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The demo drives the injector through its REST API, as a user would. */
public final class InjectorClient {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "ABORTED");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public InjectorClient(URI base) {
        this.base = base;
    }

    /** Starts a run; returns its id. */
    public String start(String scenarioId, String namespace, Map<String, String> parameters) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("scenarioId", scenarioId, "namespace", namespace, "parameters", parameters));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        JsonNode run = send(HttpRequest.newBuilder(base.resolve("/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202);
        return run.path("runId").asText();
    }

    /** Waits until the run ended (restored included) and returns its final state. */
    public String awaitEnd(String runId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String state = send(HttpRequest.newBuilder(base.resolve("/runs/" + runId)).GET(), 200).path("state").asText();
            if (ENDED.contains(state)) {
                return state;
            }
            pause(Duration.ofSeconds(1));
        }
        throw new IllegalStateException("run " + runId + " did not end within " + timeout.toSeconds() + " s");
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("injector answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the injector at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
