package io.sockshop.correlator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.journal.InjectionJournal;
import io.sockshop.correlator.injector.load.LoadSettings;
import io.sockshop.correlator.injector.load.LocustLoad;
import io.sockshop.correlator.injector.plan.PlanBuilder;
import io.sockshop.correlator.injector.run.Injector;
import io.sockshop.correlator.injector.run.InjectorSettings;
import io.sockshop.correlator.injector.run.RunListener;
import io.sockshop.correlator.injector.run.RunRequest;
import io.sockshop.correlator.injector.run.RunState;
import io.sockshop.correlator.injector.run.RunView;
import io.sockshop.correlator.injector.run.Sleeper;
import io.sockshop.correlator.injector.scenario.ScenarioCatalog;
import io.sockshop.correlator.injector.scenario.ScenarioLoader;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The injector's rendered Role allows exactly the API calls the injector makes, no more: the
 * injector's own run engine, with the allowlist of the rendered Deployment, runs every shipped
 * scenario (a dry run, then for real), and one run stopped in the middle, against fabric8's mock API
 * server seeded with the upstream Sock Shop manifest; every request it makes is compared with the
 * Role bound to the Deployment's ServiceAccount. (The injector module's RbacManifestTest checks
 * k8s/base/injector/rbac.yaml the same way, crash recovery included.)
 */
@WithKafka
class InjectorRbacTest {

    /** The upstream manifest the injector's own tests run against (from shared/reference, unchanged). */
    static final String SOCK_SHOP = "injector/src/test/resources/fixtures/complete-demo.yaml";

    @Test
    void theRoleGrantsExactlyTheCallsTheInjectorMakes(KafkaBroker broker) throws Exception {
        Manifests manifests = Manifests.render("k8s/overlays/kind");
        Deployment deployment = manifests.one(Deployment.class, "sockshop-injector");
        Map<String, String> env = KustomizeRenderTest.env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
        String namespace = env.get("INJECTOR_DEFAULT_NAMESPACE");
        Set<String> allowed = Set.of(env.get("INJECTOR_ALLOWED_NAMESPACES").split(","));
        InjectorSettings settings = new InjectorSettings(env.get("INJECTOR_CLUSTER"), allowed, namespace,
                Duration.ofMinutes(30), 100);

        List<ApiCall> calls = new ArrayList<>();
        try (RecordingKubernetesApi api = new RecordingKubernetesApi()) {
            seed(api.admin());
            String prefix = KafkaBroker.uniqueName("rbac") + ".";
            broker.createTopics(Map.of(prefix + Topics.INJECTIONS.name(), 3), false);
            broker.createTopics(Map.of(prefix + "sockshop.injector.restores.v1", 1), true);
            TopicDescriptor<String, byte[]> restores = new TopicDescriptor<>(prefix + "sockshop.injector.restores.v1",
                    Serdes.String(), Serdes.ByteArray(), true, "pending restores");
            GateSleeper sleeper = new GateSleeper();
            LocustLoad load = new LocustLoad(LoadSettings.defaults());
            PlanBuilder planner = new PlanBuilder(load);
            try (KubernetesClient client = api.clientUnderTest();
                 InjectionJournal journal = new InjectionJournal(broker.clientConfig(), Topics.INJECTIONS.withPrefix(prefix),
                         restores, "injector-" + prefix, Duration.ofSeconds(30));
                 Injector injector = new Injector(settings, new ScenarioCatalog(ScenarioLoader.shipped(), planner::validate),
                         planner, new ClusterOps(client), journal, Clock.systemUTC(), sleeper, RunListener.NONE)) {
                for (String scenario : ScenarioLoader.SHIPPED) {
                    injector.start(new RunRequest(scenario, namespace, Map.of(), true));
                    sleeper.pass(true);
                    RunView run = injector.start(new RunRequest(scenario, namespace, Map.of(), false));
                    await().atMost(Duration.ofSeconds(60)).until(() ->
                            injector.run(run.runId()).orElseThrow().state() == RunState.COMPLETED);
                }
                sleeper.pass(false);
                RunView stopped = injector.start(new RunRequest("incident-8", namespace, Map.of(), false));
                await().atMost(Duration.ofSeconds(30)).until(() -> sleeper.waiting() > 0);
                injector.stop(stopped.runId(), "stopped by the RBAC test");
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        injector.run(stopped.runId()).orElseThrow().state() == RunState.ABORTED);
            }
            api.requests().forEach(request -> calls.add(ApiCall.parse(request)));
        }

        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        RoleBinding binding = manifests.all(RoleBinding.class).stream()
                .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getName().equals(account)
                        && s.getNamespace().equals(deployment.getMetadata().getNamespace())))
                .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding of " + account));
        assertThat(binding.getMetadata().getNamespace()).as("the target namespace only").isEqualTo(namespace);
        Role role = manifests.all(Role.class).stream().filter(r -> r.getMetadata().getNamespace().equals(namespace))
                .filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName())).findFirst().orElseThrow();
        Set<String> granted = ApiCall.granted(role);
        Set<String> used = new TreeSet<>();
        calls.forEach(call -> used.add(call.permission()));
        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call.namespace()).isEqualTo(namespace));
        assertThat(granted).as("every call the injector makes is allowed").containsAll(used);
        assertThat(used).as("nothing granted that the injector does not use").containsAll(granted);
        assertThat(used).containsExactlyInAnyOrder("apps/deployments:get", "apps/deployments:patch",
                "batch/jobs:create", "batch/jobs:delete", "core/configmaps:create", "core/configmaps:delete");
    }

    /** The Namespace, Deployments and Services of the upstream manifest, as the injector's tests seed them. */
    private static void seed(KubernetesClient client) throws Exception {
        try (InputStream manifest = Files.newInputStream(Repository.path(SOCK_SHOP))) {
            for (HasMetadata object : client.load(manifest).items()) {
                if (object instanceof Namespace || object instanceof Deployment
                        || object instanceof io.fabric8.kubernetes.api.model.Service) {
                    client.resource(object).create();
                }
            }
        }
        assertThat(client.apps().deployments().inNamespace("sock-shop").list().getItems()).hasSizeGreaterThan(10);
    }

    /** Waits end at once while passing; otherwise a wait holds until the run is stopped. */
    private static final class GateSleeper implements Sleeper {
        private volatile boolean passing = true;
        private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

        void pass(boolean passing) {
            this.passing = passing;
        }

        int waiting() {
            return waiting.get();
        }

        @Override
        public boolean await(Duration duration, io.sockshop.correlator.injector.run.StopSignal stop) throws InterruptedException {
            if (passing) {
                return false;
            }
            waiting.incrementAndGet();
            try {
                return stop.await(Duration.ofMinutes(5));
            } finally {
                waiting.decrementAndGet();
            }
        }
    }
}
