package io.sockshop.correlator.demo;

import io.sockshop.correlator.kafka.EmbeddedKafkaBroker;
import io.sockshop.correlator.sandbox.Sandbox;
import io.sockshop.correlator.sandbox.SandboxSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline on one machine: a real Kafka broker in this JVM, the sandbox (simulated
 * cluster and Datadog) in this JVM, and the four services as their own JVMs, talking only through
 * Kafka and the two APIs, as they would in production.
 */
public final class Pipeline implements AutoCloseable {

    public static final String CLUSTER = "kind-sockshop";
    public static final String NAMESPACE = "sock-shop";

    private final Path home;
    private final Path dataDirectory;
    private final Console console;
    private final List<ManagedProcess> services = new ArrayList<>();
    private EmbeddedKafkaBroker kafka;
    private Sandbox sandbox;
    private final Map<String, Integer> ports = new HashMap<>();
    private java.time.Instant sandboxStartedAt;

    public Pipeline(Path home, Path dataDirectory, Console console) {
        this.home = home;
        this.dataDirectory = dataDirectory;
        this.console = console;
    }

    public void start() {
        kafka = EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory.resolve("kafka")).build().start();
        console.progress("Kafka (in-JVM KRaft broker) at " + kafka.bootstrapServers());
        sandbox = Sandbox.start(SandboxSettings.defaults().withProbeDelayScale(0.02).withMetricInterval(Duration.ofSeconds(5)),
                Clock.systemUTC()).run();
        sandboxStartedAt = java.time.Instant.now();
        console.progress("sandbox: Kubernetes API " + sandbox.kubernetesUrl() + ", Datadog API " + sandbox.datadogUrl());
        for (ServiceLaunch launch : launches()) {
            services.add(ManagedProcess.start(launch.name(), launch.command(), launch.environment(),
                    dataDirectory.resolve("logs"), URI.create("http://localhost:" + launch.port() + "/q/health/ready")));
        }
        for (ManagedProcess service : services) {
            service.awaitReady(Duration.ofMinutes(3));
        }
        console.progress("services ready: " + String.join(", ", services.stream()
                .map(s -> s.name() + " :" + ports.get(s.name())).toList()) + " (logs in " + dataDirectory.resolve("logs") + ")");
    }

    record ServiceLaunch(String name, int port, List<String> command, Map<String, String> environment) {
    }

    private List<ServiceLaunch> launches() {
        String bootstrap = kafka.bootstrapServers();
        List<ServiceLaunch> launches = new ArrayList<>();
        launches.add(launch("correlator", bootstrap, DemoTimings.correlator(dataDirectory.resolve("correlator-state"))));
        launches.add(launch("api", bootstrap, Map.of("QUARKUS_PROFILE", "demo")));
        Map<String, String> collector = new HashMap<>(DemoTimings.collector());
        collector.put("COLLECTOR_CLUSTER", CLUSTER);
        collector.put("COLLECTOR_KUBERNETES_NAMESPACES", NAMESPACE);
        collector.put("COLLECTOR_KUBERNETES_API_SERVER_URL", sandbox.kubernetesUrl());
        collector.put("COLLECTOR_KUBERNETES_EVENTS_API", "core");
        collector.put("COLLECTOR_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        collector.put("COLLECTOR_DATADOG_ENABLED", "true");
        collector.put("COLLECTOR_DATADOG_BASE_URL", sandbox.datadogUrl());
        collector.put("DD_API_KEY", "sandbox-api-key");
        collector.put("DD_APP_KEY", "sandbox-application-key");
        launches.add(launch("collector", bootstrap, collector));
        launches.add(launch("injector", bootstrap, Map.of(
                "INJECTOR_KUBERNETES_MODE", "url",
                "INJECTOR_KUBERNETES_MASTER_URL", sandbox.kubernetesUrl(),
                "INJECTOR_CLUSTER", CLUSTER)));
        return launches;
    }

    private ServiceLaunch launch(String module, String bootstrap, Map<String, String> extra) {
        Path jar = home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./sockshop demo builds what is missing)");
        }
        int port = freePort();
        ports.put(module, port);
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        return new ServiceLaunch(module, port, command, environment);
    }

    public URI url(String service) {
        return URI.create("http://localhost:" + ports.get(service));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public java.time.Instant sandboxStartedAt() {
        return sandboxStartedAt;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public List<ManagedProcess> services() {
        return services;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
