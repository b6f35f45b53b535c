package io.sockshop.correlator.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/ rendered with {@code kubectl kustomize} as a user applies it, every object parsed with
 * fabric8 (Strimzi's model for its resources), and held to the services' configuration and the
 * contract's topics.
 */
class KustomizeRenderTest {

    static final String NAMESPACE = "sockshop-correlator";
    static final String TARGET = "sock-shop";
    static final String BOOTSTRAP = "sockshop-kafka-bootstrap:9092";
    static final List<String> OVERLAYS = List.of("k8s/overlays/kind", "k8s/overlays/kind-kafka-statefulset");
    /** Workload name -> the module it runs. */
    static final Map<String, String> WORKLOADS = Map.of("sockshop-api", "api", "sockshop-collector", "collector",
            "sockshop-correlator", "correlator", "sockshop-injector", "injector");
    /** The internal topics of the collector and the injector: name -> partitions. */
    static final Map<String, Integer> INTERNAL_TOPICS = Map.of("sockshop.collector.checkpoints.v1", 3,
            "sockshop.injector.restores.v1", 1);

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/kind", "k8s/overlays/kind-kafka-statefulset"})
    void theOverlayRendersAndEveryObjectParsesIntoItsTypedModelInOurTwoNamespaces(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        assertThat(manifests.objects).hasSizeGreaterThan(20);
        assertThat(manifests.all(Namespace.class)).singleElement()
                .satisfies(n -> assertThat(n.getMetadata().getName()).isEqualTo(NAMESPACE));
        for (HasMetadata object : manifests.objects) {
            if (object instanceof Namespace) {
                continue;
            }
            assertThat(object.getMetadata().getNamespace()).as(object.getKind() + " " + object.getMetadata().getName())
                    .isIn(NAMESPACE, TARGET);
            if (!object.getMetadata().getNamespace().equals(NAMESPACE)) {
                assertThat(object).as("only RBAC in the target namespace").isInstanceOfAny(Role.class, RoleBinding.class);
            }
            assertThat(object.getKind()).as("no cluster-wide RBAC").isNotIn("ClusterRole", "ClusterRoleBinding");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/kind", "k8s/overlays/kind-kafka-statefulset"})
    void everyServiceRunsItsImageWithProbesResourcesAndOnlyItsOwnSettings(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Compose compose = Compose.load();
        Map<String, PodTemplateSpec> templates = new TreeMap<>();
        manifests.all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        manifests.all(StatefulSet.class).stream().filter(s -> WORKLOADS.containsKey(s.getMetadata().getName()))
                .forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        assertThat(templates.keySet()).containsExactlyInAnyOrderElementsOf(WORKLOADS.keySet());

        templates.forEach((name, template) -> {
            String module = WORKLOADS.get(name);
            ServiceSettings settings = ServiceSettings.of(module);
            PodSpec pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runs as non-root").isTrue();
            assertThat(pod.getContainers()).as(name).hasSize(1);
            Container container = pod.getContainers().get(0);
            assertThat(container.getImage()).as(name + " runs the image docker compose builds")
                    .isEqualTo(compose.service(module).path("image").asText());
            assertThat(container.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).as(name + " listens where its application.properties says")
                        .isEqualTo(settings.httpPort());
            });
            assertProbe(name, container.getStartupProbe(), "/q/health/started");
            assertProbe(name, container.getLivenessProbe(), "/q/health/live");
            assertProbe(name, container.getReadinessProbe(), "/q/health/ready");
            for (String kind : List.of("requests", "limits")) {
                var resources = kind.equals("requests") ? container.getResources().getRequests()
                        : container.getResources().getLimits();
                assertThat(resources).as(name + " " + kind).containsKeys("cpu", "memory");
            }
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            Map<String, String> env = env(container);
            env.keySet().forEach(variable -> assertThat(settings.reads(variable))
                    .as(name + ": " + variable + " is a setting of " + module).isPresent());
            assertThat(settings.kafkaBootstrapEnv()).as(name + " is told where Kafka is").anyMatch(env::containsKey);
            settings.kafkaBootstrapEnv().stream().filter(env::containsKey)
                    .forEach(variable -> assertThat(env.get(variable)).isEqualTo(BOOTSTRAP));
        });
    }

    private static void assertProbe(String workload, Probe probe, String path) {
        assertThat(probe).as(workload + " probe " + path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(workload + " probe " + path + " over HTTP").isNotNull();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(get.getPort().getStrVal()).as("the named container port").isEqualTo("http");
    }

    static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                assertThat(env.put(var.getName(), var.getValue())).as("set once: " + var.getName()).isNull();
            }
        }
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/kind", "k8s/overlays/kind-kafka-statefulset"})
    void theCorrelatorKeepsItsStateOnAVolumeClaimPerInstanceWhereItsImageKeepsIt(String overlay) {
        StatefulSet correlator = Manifests.render(overlay).one(StatefulSet.class, "sockshop-correlator");
        String stateDir = ComposeFileTest.stateDirOf(Dockerfile.read("correlator/src/main/docker/Dockerfile.jvm"));
        assertThat(correlator.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            VolumeMount mount = correlator.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts()
                    .stream().filter(m -> m.getName().equals(claim.getMetadata().getName())).findFirst().orElseThrow();
            assertThat(mount.getMountPath()).isEqualTo(stateDir);
            assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
        });
        assertThat(correlator.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup())
                .as("the volume is writable by the image's user").isEqualTo(185L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/kind", "k8s/overlays/kind-kafka-statefulset"})
    void secretsAreMountedWhereTheServicesReadThemAndTheTemplateHasEveryKey(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Manifests template = Manifests.parse(Yaml.all(Repository.read("k8s/secret-template.yaml")), "k8s/secret-template.yaml");
        Map<String, Set<String>> templateKeys = new HashMap<>();
        template.all(Secret.class).forEach(s -> {
            assertThat(s.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
            templateKeys.put(s.getMetadata().getName(), s.getStringData().keySet());
            s.getStringData().values().forEach(v -> assertThat(v).as("a placeholder, no real secret").startsWith("REPLACE_WITH_"));
        });
        assertThat(manifests.all(Secret.class)).as("no Secret is applied with the manifests").isEmpty();

        Map<String, String> mountedFiles = new HashMap<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
                if (volume.getSecret() == null) {
                    continue;
                }
                String secret = volume.getSecret().getSecretName();
                assertThat(templateKeys).as("k8s/secret-template.yaml has " + secret).containsKey(secret);
                String mountPath = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                        .findFirst().orElseThrow().getMountPath();
                volume.getSecret().getItems().forEach(item -> {
                    assertThat(templateKeys.get(secret)).as(secret + " key").contains(item.getKey());
                    mountedFiles.put(deployment.getMetadata().getName() + ":" + mountPath + "/" + item.getPath(), secret);
                });
            }
        }
        Map<String, String> collector = env(manifests.one(Deployment.class, "sockshop-collector").getSpec().getTemplate()
                .getSpec().getContainers().get(0));
        // DatadogKeys reads the files api-key and application-key in collector.datadog.keys-dir
        for (String file : List.of("api-key", "application-key")) {
            assertThat(mountedFiles).containsKey("sockshop-collector:" + collector.get("COLLECTOR_DATADOG_KEYS_DIR") + "/" + file);
        }
        assertThat(collector).containsEntry("COLLECTOR_DATADOG_ENABLED", "true").doesNotContainKeys("DD_API_KEY", "DD_APP_KEY");
        Map<String, String> api = env(manifests.one(Deployment.class, "sockshop-api").getSpec().getTemplate().getSpec()
                .getContainers().get(0));
        assertThat(mountedFiles).containsKey("sockshop-api:" + api.get("CORRELATOR_API_TOKEN_FILE"));
        assertThat(api).doesNotContainKey("CORRELATOR_API_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/kind", "k8s/overlays/kind-kafka-statefulset"})
    void everyPodRunsAsItsOwnServiceAccountAndOnlyTheCollectorAndInjectorGetRoles(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Map<String, ServiceAccount> accounts = manifests.all(ServiceAccount.class).stream()
                .peek(a -> assertThat(a.getMetadata().getNamespace()).isEqualTo(NAMESPACE))
                .collect(Collectors.toMap(a -> a.getMetadata().getName(), a -> a));
        Map<String, String> podAccounts = new TreeMap<>();
        manifests.all(Deployment.class).forEach(d -> podAccounts.put(d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec().getServiceAccountName()));
        podAccounts.put("sockshop-correlator", manifests.one(StatefulSet.class, "sockshop-correlator").getSpec()
                .getTemplate().getSpec().getServiceAccountName());
        podAccounts.forEach((workload, account) -> assertThat(accounts).as(workload + " runs as " + account).containsKey(account));
        assertThat(podAccounts.values()).doesNotHaveDuplicates();

        Set<String> bound = new TreeSet<>();
        for (RoleBinding binding : manifests.all(RoleBinding.class)) {
            assertThat(binding.getMetadata().getNamespace()).isEqualTo(TARGET);
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(manifests.all(Role.class)).anyMatch(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName()));
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getNamespace()).as("the account the pod runs as").isEqualTo(NAMESPACE);
                assertThat(accounts).containsKey(s.getName());
                bound.add(s.getName());
            });
        }
        assertThat(bound).containsExactlyInAnyOrder(podAccounts.get("sockshop-collector"), podAccounts.get("sockshop-injector"));
        for (String reader : List.of("sockshop-api", "sockshop-correlator")) {
            assertThat(accounts.get(podAccounts.get(reader)).getAutomountServiceAccountToken())
                    .as(reader + " never talks to the Kubernetes API: no token").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/kind", "k8s/overlays/kind-kafka-statefulset"})
    void ingressIsDeniedButForTheApiTheServicesHealthAndKafkaFromOurPods(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
        });
        NetworkPolicy api = manifests.one(NetworkPolicy.class, "sockshop-api-ingress");
        assertThat(api.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).as("agents anywhere").isNullOrEmpty();
            assertThat(rule.getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(ServiceSettings.of("api").httpPort()));
        });
        NetworkPolicy services = manifests.one(NetworkPolicy.class, "sockshop-services-ingress");
        Set<Integer> ports = services.getSpec().getIngress().get(0).getPorts().stream().map(p -> p.getPort().getIntVal())
                .collect(Collectors.toSet());
        for (String module : List.of("collector", "correlator", "injector")) {
            assertThat(ports).contains(ServiceSettings.of(module).httpPort());
        }
        // Kafka admits our own pods, which all carry the part-of label the policies select on.
        Map<String, String> ours = Map.of("app.kubernetes.io/part-of", "sockshop-correlator");
        manifests.all(Deployment.class).forEach(d -> assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(ours));
        if (overlay.endsWith("statefulset")) {
            NetworkPolicy kafka = manifests.one(NetworkPolicy.class, "sockshop-kafka-ingress");
            assertThat(kafka.getSpec().getIngress()).singleElement().satisfies(rule -> {
                assertThat(rule.getFrom()).singleElement()
                        .satisfies(f -> assertThat(f.getPodSelector().getMatchLabels()).isEqualTo(ours));
                assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(9092));
            });
        } else {
            GenericKafkaListener listener = plainListener(manifests.all(Kafka.class).get(0));
            assertThat(listener.getNetworkPolicyPeers()).singleElement()
                    .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(ours));
        }
    }

    private static GenericKafkaListener plainListener(Kafka kafka) {
        return kafka.getSpec().getKafka().getListeners().stream().filter(l -> l.getPort() == 9092).findFirst().orElseThrow();
    }

    @Test
    void strimziRunsOneKraftNodeWithSingleBrokerReplicationBehindTheBootstrapTheServicesUse() {
        Manifests manifests = Manifests.render("k8s/overlays/kind");
        Kafka kafka = manifests.all(Kafka.class).get(0);
        assertThat(manifests.all(Kafka.class)).hasSize(1);
        assertThat(kafka.getMetadata().getName() + "-kafka-bootstrap:" + plainListener(kafka).getPort())
                .as("Strimzi's bootstrap Service is what the services are told").isEqualTo(BOOTSTRAP);
        assertThat(plainListener(kafka).isTls()).isFalse();
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).as("KafkaTopics are managed").isNotNull();
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "default.replication.factor", "min.insync.replicas")) {
            assertThat(String.valueOf(config.get(key))).as(key).isEqualTo("1");
        }
        assertThat(String.valueOf(config.get("auto.create.topics.enable"))).isEqualTo("false");
        assertThat(config.keySet()).as("broker settings Kafka knows")
                .allSatisfy(k -> assertThat(org.apache.kafka.server.config.AbstractKafkaConfig.CONFIG_DEF.names()).contains(k));
        assertThat(manifests.all(KafkaNodePool.class)).singleElement().satisfies(pool -> {
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(pool.getSpec().getReplicas()).isEqualTo(1);
            assertThat(pool.getSpec().getRoles()).containsExactlyInAnyOrder(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        });
        assertThat(manifests.all(StatefulSet.class)).as("no second Kafka").noneMatch(s -> s.getMetadata().getName().contains("kafka"));
    }

    @Test
    void everyTopicOfTheContractAndTheInternalOnesIsAKafkaTopicWithPartitionsAndRetention() {
        Manifests manifests = Manifests.render("k8s/overlays/kind");
        String cluster = manifests.all(Kafka.class).get(0).getMetadata().getName();
        Map<String, KafkaTopic> topics = new TreeMap<>();
        manifests.all(KafkaTopic.class).forEach(t -> {
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(topics.put(t.getSpec().getTopicName(), t)).as("once: " + t.getSpec().getTopicName()).isNull();
        });
        Map<String, Boolean> expected = new TreeMap<>();
        Topics.all().forEach(t -> expected.put(t.name(), t.compacted()));
        INTERNAL_TOPICS.keySet().forEach(name -> expected.put(name, true));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());

        expected.forEach((name, compacted) -> {
            KafkaTopic topic = topics.get(name);
            Map<String, Object> config = topic.getSpec().getConfig();
            assertThat(topic.getSpec().getReplicas()).as(name).isEqualTo(1);
            assertThat(topic.getSpec().getPartitions()).as(name).isPositive();
            assertThat(config.get("cleanup.policy")).as(name).isEqualTo(compacted ? "compact" : "delete");
            if (!compacted) {
                assertThat(Long.parseLong(String.valueOf(config.get("retention.ms")))).as(name + " retention")
                        .isGreaterThanOrEqualTo(86_400_000L);
            }
        });
        List<TopicDescriptor<?, ?>> coPartitioned = new ArrayList<>(Topics.raw());
        coPartitioned.add(Topics.INJECTIONS);
        assertThat(coPartitioned.stream().map(t -> topics.get(t.name()).getSpec().getPartitions()).distinct())
                .as("the raw topics and the injections are co-partitioned").hasSize(1);
        INTERNAL_TOPICS.forEach((name, partitions) ->
                assertThat(topics.get(name).getSpec().getPartitions()).as(name).isEqualTo(partitions));
        assertThat(String.valueOf(topics.get("sockshop.collector.checkpoints.v1").getSpec().getConfig().get("max.message.bytes")))
                .as("as the collector creates it").isEqualTo("4194304");
    }

    @Test
    void theStatefulSetKafkaIsOneKraftNodeBehindTheSameBootstrapAndCreatesTheSameTopics() {
        Manifests manifests = Manifests.render("k8s/overlays/kind-kafka-statefulset");
        assertThat(manifests.all(Kafka.class)).isEmpty();
        StatefulSet kafka = manifests.one(StatefulSet.class, "sockshop-kafka");
        assertThat(kafka.getSpec().getReplicas()).isEqualTo(1);
        Container broker = kafka.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(broker.getImage()).isEqualTo("apache/kafka:" + Repository.kafkaVersion());
        Map<String, String> config = ComposeFileTest.brokerConfig(env(broker));
        assertThat(config).containsEntry("process.roles", "broker,controller")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("auto.create.topics.enable", "false");
        assertThat(config.get("advertised.listeners")).contains("PLAINTEXT://sockshop-kafka-bootstrap.");
        assertThat(kafka.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim ->
                assertThat(broker.getVolumeMounts()).anySatisfy(m -> {
                    assertThat(m.getName()).isEqualTo(claim.getMetadata().getName());
                    assertThat(m.getMountPath()).isEqualTo(config.get("log.dirs"));
                }));
        Service bootstrap = manifests.one(Service.class, "sockshop-kafka-bootstrap");
        assertThat(bootstrap.getSpec().getSelector()).isEqualTo(kafka.getSpec().getSelector().getMatchLabels());
        assertThat(bootstrap.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(9092));

        Map<String, String> created = new TreeMap<>();
        Job job = manifests.one(Job.class, "sockshop-kafka-topics");
        Matcher create = Pattern.compile("(?m)^create (\\S+) (\\d+)((?: --config \\S+)*)$")
                .matcher(String.join("\n", job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()));
        while (create.find()) {
            created.put(create.group(1), create.group(2) + " " + new TreeSet<>(List.of(create.group(3).split(" --config ")))
                    .stream().filter(c -> !c.isBlank()).toList());
        }
        Map<String, String> strimzi = new TreeMap<>();
        Manifests.render("k8s/kafka/strimzi").all(KafkaTopic.class).forEach(t -> strimzi.put(t.getSpec().getTopicName(),
                t.getSpec().getPartitions() + " " + new TreeSet<>(t.getSpec().getConfig().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()).stream().toList()));
        assertThat(created).as("the Job creates what the KafkaTopics declare").isEqualTo(strimzi);
    }
}
