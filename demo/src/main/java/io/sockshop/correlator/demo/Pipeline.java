package io.sockshop.correlator.demo;

import io.sockshop.correlator.kafka.EmbeddedKafkaBroker;
import io.sockshop.correlator.sandbox.Sandbox;

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
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public Pipeline(Path home, Path dataDirectory, Console console) {
        this.home = home;
        this.dataDirectory = dataDirectory;
        this.console = console;
    }

    public void start() {
        // The broker and the sandbox start side by side: each takes seconds on a busy laptop.
        java.util.concurrent.CompletableFuture<EmbeddedKafkaBroker> broker = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory.resolve("kafka")).build().start());
        try {
            sandbox = Sandbox.start(DemoTimings.sandbox(), Clock.systemUTC()).run();
            sandboxStartedAt = java.time.Instant.now();
            console.progress("sandbox: Kubernetes API " + sandbox.kubernetesUrl() + ", Datadog API " + sandbox.datadogUrl());
        } finally {
            kafka = broker.join();
        }
        console.progress("Kafka (in-JVM KRaft broker) at " + kafka.bootstrapServers());
        for (ServiceLaunch launch : launches()) {
            services.add(ManagedProcess.start(launch.name(), launch.command(), launch.environment(),
                    dataDirectory.resolve("logs"), "/q/health/ready"));
        }
        for (ManagedProcess service : services) {
            service.awaitReady(Duration.ofMinutes(3));
            ports.put(service.name(), service.port());
        }
        console.progress("services ready: " + String.join(", ", services.stream()
                .map(s -> s.name() + " :" + ports.get(s.name())).toList()) + " (logs in " + dataDirectory.resolve("logs") + ")");
    }

    record ServiceLaunch(String name, List<String> command, Map<String, String> environment) {
    }

    private List<ServiceLaunch> launches() {
        String bootstrap = kafka.bootstrapServers();
        List<ServiceLaunch> launches = new ArrayList<>();
        launches.add(launch("correlator", bootstrap, DemoTimings.correlator(),
                DemoTimings.correlatorSystemProperties(dataDirectory)));
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
        return launch(module, bootstrap, extra, Map.of());
    }

    private ServiceLaunch launch(String module, String bootstrap, Map<String, String> extra,
                                 Map<String, String> systemProperties) {
        Path jar = home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./sockshop demo builds what is missing)");
        }
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        // 0: the system picks a free port when the service binds it (a port chosen here could be taken meanwhile)
        environment.put("QUARKUS_HTTP_PORT", "0");
        return new ServiceLaunch(module, javaCommand(jar, systemProperties), environment);
    }

    /** A service's JVM: small heap, serial GC and the C1 compiler only (fast start, little memory on a laptop). */
    static List<String> javaCommand(Path jar, Map<String, String> systemProperties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        systemProperties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(p -> command.add("-D" + p.getKey() + "=" + p.getValue()));
        command.add("-jar");
        command.add(jar.toString());
        return command;
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

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
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
