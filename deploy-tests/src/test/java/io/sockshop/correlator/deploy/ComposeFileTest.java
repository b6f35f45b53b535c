package io.sockshop.correlator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is held to the services' own
 * configuration: images and build contexts, every environment variable name, ports, Kafka settings,
 * the kubeconfig mount, the .env file and the sandbox profile.
 */
class ComposeFileTest {

    /** Compose service -> the module whose image it runs (the sandbox runs from the demo's classpath). */
    static final Map<String, String> MODULES = Map.of(
            "api", "api", "correlator", "correlator", "collector", "collector", "injector", "injector",
            "collector-sandbox", "collector", "injector-sandbox", "injector");

    private final Compose compose = Compose.load();

    @Test
    void theFileHasKafkaTheFourServicesAndTheSandboxProfile() {
        assertThat(compose.services()).containsExactlyInAnyOrder("kafka", "correlator", "api", "collector", "injector",
                "sandbox", "collector-sandbox", "injector-sandbox");
        assertThat(compose.profiles("kafka")).isEmpty();
        assertThat(compose.profiles("correlator")).isEmpty();
        assertThat(compose.profiles("api")).isEmpty();
        assertThat(compose.profiles("collector")).containsExactly("cluster");
        assertThat(compose.profiles("injector")).containsExactly("cluster");
        assertThat(compose.profiles("sandbox")).containsExactly("sandbox");
        assertThat(compose.profiles("collector-sandbox")).containsExactly("sandbox");
        assertThat(compose.profiles("injector-sandbox")).containsExactly("sandbox");
    }

    @Test
    void kafkaIsTheOfficialImageAsOneKraftNodeWithSingleBrokerReplication() {
        assertThat(compose.service("kafka").path("image").asText())
                .as("the official image at the version of the project's Kafka clients")
                .isEqualTo("apache/kafka:" + Repository.kafkaVersion());
        Map<String, String> config = brokerConfig(compose.environment("kafka"));
        assertThat(config).containsEntry("process.roles", "broker,controller").containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@kafka:9093")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("num.partitions", "3");
        assertThat(config.get("advertised.listeners")).contains("PLAINTEXT://kafka:9092");
        assertThat(compose.environment("kafka")).containsKey("CLUSTER_ID");
        assertThat(compose.volumes("kafka")).anySatisfy(v -> {
            assertThat(v[0]).isEqualTo("kafka-data");
            assertThat(v[1]).isEqualTo(config.get("log.dirs"));
        });
        assertThat(compose.service("kafka").path("healthcheck").path("test").toString())
                .contains("kafka-broker-api-versions.sh --bootstrap-server localhost:9092");
    }

    /**
     * The apache/kafka image turns KAFKA_X_Y into x.y (___ is -, __ is _); anything else would be
     * ignored silently, so every one must be a broker setting Kafka knows.
     */
    static Map<String, String> brokerConfig(Map<String, String> env) {
        Set<String> known = AbstractKafkaConfig.CONFIG_DEF.names();
        Map<String, String> config = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.equals("CLUSTER_ID")) {
                return;
            }
            assertThat(name).as("a broker setting of the apache/kafka image").startsWith("KAFKA_");
            String key = name.substring("KAFKA_".length()).replace("___", "-").replace("__", "\u0000")
                    .replace('_', '.').replace('\u0000', '_').toLowerCase(Locale.ROOT);
            assertThat(known).as(name + " is the broker setting " + key).contains(key);
            config.put(key, value);
        });
        return config;
    }

    @Test
    void everyServiceImageIsBuiltFromItsModuleWithItsDockerfile() {
        Map<String, String> builds = new HashMap<>();
        for (String service : compose.services()) {
            if (service.equals("kafka")) {
                continue;
            }
            String image = compose.service(service).path("image").asText();
            String context = compose.buildContext(service).orElseThrow(() -> new AssertionError(service + " has no build"));
            String name = service.equals("sandbox") ? "sandbox" : MODULES.get(service);
            assertThat(image).as(service + " image").isEqualTo("sockshop-correlator/" + name + ":" + Repository.projectVersion());
            assertThat(context).as(service + " build context").isEqualTo(service.equals("sandbox") ? "demo" : name);
            String dockerfile = compose.dockerfile(service).orElseThrow();
            assertThat(Repository.path(dockerfile)).as(service + " Dockerfile").isRegularFile();
            String previous = builds.put(image, dockerfile);
            assertThat(previous == null || previous.equals(dockerfile)).as(image + " built one way").isTrue();
            if (!service.equals("sandbox")) {
                assertThat(Repository.path(context + "/pom.xml")).as(context + " is a module").isRegularFile();
            }
        }
    }

    @Test
    void everyEnvironmentVariableIsASettingOfTheServiceItConfigures() {
        List<String> unknown = new ArrayList<>();
        MODULES.forEach((service, module) -> {
            ServiceSettings settings = ServiceSettings.of(module);
            compose.environment(service).keySet().forEach(env -> {
                if (settings.reads(env).isEmpty()) {
                    unknown.add(service + ": " + env + " is no setting of " + module);
                }
            });
        });
        assertThat(unknown).isEmpty();
        assertThat(compose.environment("sandbox")).as("the sandbox takes command-line options only").isEmpty();
    }

    @Test
    void everyServiceReachesKafkaThroughTheBrokersAdvertisedListenerOnceKafkaIsHealthy() {
        MODULES.forEach((service, module) -> {
            Set<String> bootstrap = ServiceSettings.of(module).kafkaBootstrapEnv();
            Map<String, String> env = compose.environment(service);
            assertThat(bootstrap).as(service + " sets one of " + bootstrap).anyMatch(env::containsKey);
            bootstrap.stream().filter(env::containsKey).forEach(name ->
                    assertThat(env.get(name)).as(service + " " + name).isEqualTo("kafka:9092"));
            assertThat(compose.service(service).path("depends_on").path("kafka").path("condition").asText())
                    .as(service + " waits for a healthy Kafka").isEqualTo("service_healthy");
        });
    }

    @Test
    void publishedPortsAreTheServicesOwnHttpPorts() {
        Map<String, Integer> httpPorts = new HashMap<>();
        MODULES.forEach((service, module) -> httpPorts.put(service, ServiceSettings.of(module).httpPort()));
        Set<Integer> sandboxPublished = new TreeSet<>();
        compose.ports("sandbox").forEach(p -> sandboxPublished.add(p[1]));
        Set<Integer> sharing = new TreeSet<>();
        MODULES.keySet().forEach(service -> {
            String networkMode = compose.service(service).path("network_mode").asText("");
            if (networkMode.equals("service:sandbox")) {
                assertThat(compose.ports(service)).as(service + " publishes through the sandbox").isEmpty();
                sharing.add(httpPorts.get(service));
            } else {
                assertThat(compose.ports(service)).as(service + " publishes its HTTP port").singleElement()
                        .satisfies(p -> assertThat(p[1]).isEqualTo(httpPorts.get(service)));
            }
        });
        assertThat(sandboxPublished).as("the sandbox publishes the ports of the services in its network namespace")
                .isEqualTo(sharing);
        for (String profile : List.of("cluster", "sandbox")) {
            List<Integer> hostPorts = new ArrayList<>();
            compose.services().stream()
                    .filter(s -> compose.profiles(s).isEmpty() || compose.profiles(s).contains(profile))
                    .forEach(s -> compose.ports(s).forEach(p -> hostPorts.add(p[0])));
            assertThat(hostPorts).as("host ports of profile " + profile).doesNotHaveDuplicates();
        }
    }

    @Test
    void theCorrelatorKeepsItsStateOnANamedVolumeWhereItsImageKeepsIt() {
        String stateDir = stateDirOf(Dockerfile.read("correlator/src/main/docker/Dockerfile.jvm"));
        assertThat(compose.volumes("correlator")).anySatisfy(v -> {
            assertThat(v[1]).isEqualTo(stateDir);
            assertThat(compose.root.path("volumes").has(v[0])).as("a named volume " + v[0]).isTrue();
        });
    }

    static String stateDirOf(Dockerfile dockerfile) {
        Matcher m = Pattern.compile("-Dkafka-streams\\.state\\.dir=(\\S+)").matcher(dockerfile.env().get("JAVA_OPTS_APPEND"));
        assertThat(m.find()).as("the correlator image sets kafka-streams.state.dir").isTrue();
        assertThat(dockerfile.all("VOLUME")).contains(m.group(1));
        return m.group(1);
    }

    @Test
    void secretsAndSitesComeFromAGitIgnoredEnvFileWithACommittedExample() {
        assertThat(Repository.read(".gitignore").lines()).contains(".env");
        Map<String, String> example = new LinkedHashMap<>();
        Repository.read(".env.example").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            int eq = l.indexOf('=');
            assertThat(eq).as(".env.example line " + l).isPositive();
            example.put(l.substring(0, eq), l.substring(eq + 1));
        });
        assertThat(example.keySet()).as("every variable the compose file takes is in .env.example")
                .containsAll(compose.variables());
        assertThat(example).containsKeys("DD_SITE", "DD_API_KEY", "DD_APP_KEY", "CORRELATOR_API_TOKEN");
        assertThat(example.get("DD_API_KEY")).as("no key in the example").isEmpty();
        assertThat(example.get("DD_APP_KEY")).as("no key in the example").isEmpty();
        for (String service : List.of("collector", "api")) {
            compose.environment(service).forEach((name, value) -> {
                if (name.startsWith("DD_") || name.contains("TOKEN")) {
                    assertThat(value).as(service + " " + name + " comes from .env").startsWith("${" + name);
                }
            });
        }
        assertThat(compose.environment("collector").get("COLLECTOR_DATADOG_SITE")).startsWith("${DD_SITE");
        assertThat(compose.environment("api").get("CORRELATOR_API_TOKEN"))
                .as("the API refuses to start without a token: compose says so first").startsWith("${CORRELATOR_API_TOKEN:?");
    }

    @Test
    void theClusterProfileMountsTheKubeconfigReadOnlyOnKindsNetwork() {
        for (String service : List.of("collector", "injector")) {
            assertThat(compose.volumes(service)).as(service).singleElement().satisfies(v -> {
                assertThat(v[1]).isEqualTo("/kube/config");
                assertThat(v[2]).as("read-only").isEqualTo("ro");
            });
            List<String> networks = new ArrayList<>();
            compose.service(service).path("networks").forEach(n -> networks.add(n.asText()));
            assertThat(networks).containsExactlyInAnyOrder("default", "kind");
        }
        assertThat(compose.root.path("networks").path("kind").path("external").asBoolean()).isTrue();
        assertThat(compose.environment("collector")).containsEntry("KUBECONFIG", "/kube/config")
                .doesNotContainKey("COLLECTOR_KUBERNETES_API_SERVER_URL");
        assertThat(compose.environment("injector")).containsEntry("INJECTOR_KUBERNETES_MODE", "kubeconfig")
                .containsEntry("INJECTOR_KUBERNETES_KUBECONFIG", "/kube/config");
        assertThat(compose.environment("collector")).containsEntry("COLLECTOR_DATADOG_ENABLED", "true");
    }

    @Test
    void theSandboxProfileRunsTheSandboxInsteadOfAClusterAndDatadog() {
        Map<String, String> options = options(compose.command("sandbox"));
        int kubernetesPort = Integer.parseInt(options.get("--kubernetes-port"));
        int datadogPort = Integer.parseInt(options.get("--datadog-port"));
        Map<String, String> collector = compose.environment("collector-sandbox");
        assertThat(URI.create(collector.get("COLLECTOR_KUBERNETES_API_SERVER_URL")))
                .satisfies(u -> assertThat(u.getHost()).isEqualTo("localhost"))
                .satisfies(u -> assertThat(u.getPort()).isEqualTo(kubernetesPort));
        assertThat(URI.create(collector.get("COLLECTOR_DATADOG_BASE_URL")).getPort()).isEqualTo(datadogPort);
        assertThat(collector).as("the sandbox serves Events through core/v1 only")
                .containsEntry("COLLECTOR_KUBERNETES_EVENTS_API", "core")
                .containsEntry("COLLECTOR_DATADOG_ENABLED", "true")
                .doesNotContainKeys("KUBECONFIG", "COLLECTOR_DATADOG_SITE");
        Map<String, String> injector = compose.environment("injector-sandbox");
        assertThat(injector).containsEntry("INJECTOR_KUBERNETES_MODE", "url");
        assertThat(URI.create(injector.get("INJECTOR_KUBERNETES_MASTER_URL")).getPort()).isEqualTo(kubernetesPort);
        for (String service : List.of("collector-sandbox", "injector-sandbox")) {
            JsonNode node = compose.service(service);
            assertThat(node.path("network_mode").asText()).as(service + " reaches the loopback-bound sandbox")
                    .isEqualTo("service:sandbox");
            assertThat(node.path("depends_on").path("sandbox").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(compose.volumes(service)).as(service + " needs no kubeconfig").isEmpty();
        }
        Dockerfile sandbox = Dockerfile.read(compose.dockerfile("sandbox").orElseThrow());
        assertThat(sandbox.last("HEALTHCHECK")).as("the health check asks the simulated Kubernetes API")
                .contains("/dev/tcp/127.0.0.1/" + kubernetesPort + " ");
        assertThat(sandbox.last("ENTRYPOINT")).contains("io.sockshop.correlator.sandbox.SandboxMain");
    }

    @Test
    void theSandboxOptionsAreOnesTheSandboxTakes() {
        String main = "sandbox/src/main/java/io/sockshop/correlator/sandbox/SandboxMain.java";
        org.junit.jupiter.api.Assumptions.assumeTrue(Repository.exists(main),
                "the sandbox module is not merged into this branch yet");
        String source = Repository.read(main);
        options(compose.command("sandbox")).keySet().forEach(option ->
                assertThat(source).as("SandboxMain parses " + option).contains("case \"" + option + "\""));
        assertThat(Repository.read("demo/pom.xml")).as("target/lib is the demo's runtime classpath")
                .contains("copy-dependencies").contains("<artifactId>sandbox</artifactId>");
    }

    private static Map<String, String> options(List<String> command) {
        Map<String, String> options = new LinkedHashMap<>();
        assertThat(command.size() % 2).as("options come in pairs: " + command).isZero();
        for (int i = 0; i < command.size(); i += 2) {
            assertThat(command.get(i)).startsWith("--");
            options.put(command.get(i), command.get(i + 1));
        }
        return options;
    }
}
