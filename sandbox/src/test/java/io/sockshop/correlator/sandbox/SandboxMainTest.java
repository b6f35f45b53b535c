package io.sockshop.correlator.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sockshop.correlator.sandbox.k8s.ScalingWording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxMainTest {

    @Test
    void optionsShapeTheSettings() {
        SandboxMain.Options options = SandboxMain.parse(new String[]{"--kubernetes-port", "16443", "--datadog-port", "18126",
                "--probe-delay-scale", "0.05", "--scaling-wording", "from_to", "--metric-interval", "5"});
        assertThat(options.settings().kubernetesPort()).isEqualTo(16443);
        assertThat(options.settings().datadogPort()).isEqualTo(18126);
        assertThat(options.settings().probeDelayScale()).isEqualTo(0.05);
        assertThat(options.settings().wording()).isEqualTo(ScalingWording.FROM_TO);
        assertThat(options.settings().metricInterval()).hasSeconds(5);
    }

    @Test
    void badOptionsNameTheSetting() {
        assertThatThrownBy(() -> SandboxMain.parse(new String[]{"--datadog-port", "http"}))
                .hasMessage("--datadog-port must be a whole number, was 'http'");
        assertThatThrownBy(() -> SandboxMain.parse(new String[]{"--scaling-wording", "newest"}))
                .hasMessageContaining("--scaling-wording must be one of [legacy, to_from, from_to]");
        assertThatThrownBy(() -> SandboxMain.parse(new String[]{"--probe-delay-scale", "-1"}))
                .hasMessageContaining("probe-delay-scale must not be negative");
        assertThatThrownBy(() -> SandboxMain.parse(new String[]{"--color", "red"})).hasMessage("unknown option --color");
    }

    @Test
    void writtenKubeconfigTakesAClientToTheSimulatedCluster(@TempDir Path dir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults(), Clock.systemUTC())) {
            Path file = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
            Config config = Config.fromKubeconfig(Files.readString(file));
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThat(client.getNamespace()).isEqualTo("sock-shop");
                assertThat(client.apps().deployments().list().getItems()).hasSize(14);
            }
        }
    }
}
