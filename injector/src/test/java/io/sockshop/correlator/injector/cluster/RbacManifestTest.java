package io.sockshop.correlator.injector.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sockshop.correlator.injector.run.RunRequest;
import io.sockshop.correlator.injector.run.RunState;
import io.sockshop.correlator.injector.run.RunView;
import io.sockshop.correlator.injector.support.InjectorHarness;
import io.sockshop.correlator.injector.support.SockShopCluster;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * k8s/base/injector/rbac.yaml grants exactly what the injector uses: every API call the injector
 * makes while it runs, stops, dry-runs and recovers every shipped scenario is allowed by the Role,
 * in the target namespace only, and every verb the Role grants is used.
 */
@WithKafka
class RbacManifestTest {

    private static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(/[^/?]+)?(/[^?]+)?(\\?.*)?");

    /** A call as RBAC sees it. */
    record Call(String group, String namespace, String resource, String verb) {
        String permission() {
            return (group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb;
        }
    }

    @Test
    void theRoleGrantsExactlyTheCallsTheInjectorMakes(KafkaBroker broker) throws Exception {
        List<Call> calls = new ArrayList<>();
        try (SockShopCluster cluster = new SockShopCluster()) {
            InjectorHarness harness = InjectorHarness.start(broker, cluster);
            try {
                cluster.requests();
                for (String scenario : List.of("incident-1", "incident-2", "incident-4", "incident-3", "incident-5",
                        "incident-8")) {
                    harness.injector().start(new RunRequest(scenario, null, Map.of(), true));
                    RunView run = harness.injector().start(new RunRequest(scenario, null, Map.of(), false));
                    long waits = run.steps().stream().filter(s -> s.action().equals("wait")).count();
                    for (int i = 0; i < waits; i++) {
                        harness.sleeper().next().open();
                    }
                    await().atMost(Duration.ofSeconds(60)).until(() ->
                            harness.injector().run(run.runId()).orElseThrow().state() == RunState.COMPLETED);
                }
                RunView crashed = harness.injector().start(new RunRequest("incident-3", null, Map.of(), false));
                harness.sleeper().next().open();
                harness.sleeper().next().crash();
                await().until(() -> harness.injector().run(crashed.runId()).orElseThrow().events().size() >= 5);
                InjectorHarness.Restarted restarted = harness.restart();
                restarted.harness().close();
                assertThat(restarted.recovered()).singleElement().satisfies(r -> assertThat(r.restored()).isTrue());
                cluster.requests().forEach(request -> calls.add(parse(request)));
            } finally {
                harness.close();
            }
        }

        List<Role> roles = new ArrayList<>();
        List<HasMetadata> objects = manifest();
        objects.stream().filter(Role.class::isInstance).map(Role.class::cast).forEach(roles::add);
        assertThat(objects).as("namespaced objects only: no ClusterRole, no ClusterRoleBinding")
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("sock-shop"));
        assertThat(objects).filteredOn(RoleBinding.class::isInstance).singleElement().satisfies(o -> {
            RoleBinding binding = (RoleBinding) o;
            assertThat(binding.getRoleRef().getName()).isEqualTo(roles.get(0).getMetadata().getName());
            assertThat(binding.getSubjects()).singleElement()
                    .satisfies(s -> assertThat(s.getKind()).isEqualTo("ServiceAccount"));
        });
        assertThat(roles).hasSize(1);

        Set<String> granted = new TreeSet<>();
        roles.get(0).getRules().forEach(rule -> rule.getApiGroups().forEach(group -> rule.getResources().forEach(
                resource -> rule.getVerbs().forEach(verb ->
                        granted.add(new Call(group, "sock-shop", resource, verb).permission())))));
        Set<String> used = new TreeSet<>();
        calls.forEach(call -> used.add(call.permission()));

        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call.namespace()).isEqualTo("sock-shop"));
        assertThat(granted).as("every call allowed").containsAll(used);
        assertThat(used).as("no verb granted that is never used").containsAll(granted);
        assertThat(used).containsExactlyInAnyOrder("apps/deployments:get", "apps/deployments:patch",
                "batch/jobs:create", "batch/jobs:delete", "core/configmaps:create", "core/configmaps:delete");
    }

    static Call parse(String request) {
        String method = request.substring(0, request.indexOf(' '));
        String path = request.substring(request.indexOf(' ') + 1);
        Matcher m = PATH.matcher(path);
        assertThat(m.matches()).as("a namespaced API call: " + request).isTrue();
        assertThat(m.group(5)).as("no subresource: " + request).isNull();
        boolean named = m.group(4) != null;
        String query = m.group(6) == null ? "" : m.group(6);
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new AssertionError("unexpected method in " + request);
        };
        return new Call(m.group(1) == null ? "" : m.group(1), m.group(2), m.group(3), verb);
    }

    private static List<HasMetadata> manifest() throws Exception {
        Path file = Path.of(System.getProperty("rbac.manifest", "../k8s/base/injector/rbac.yaml"));
        try (InputStream in = Files.newInputStream(file)) {
            return Serialization.unmarshal(in);
        }
    }
}
