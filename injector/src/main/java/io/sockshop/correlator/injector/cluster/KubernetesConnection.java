package io.sockshop.correlator.injector.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How the injector reaches the Kubernetes API: the usual kubeconfig lookup ({@code auto}), a given
 * kubeconfig file and context, the pod's service account ({@code in-cluster}), or an explicit URL
 * (the sandbox's simulated API, a proxy). Bad settings fail with a message naming the setting.
 */
public record KubernetesConnection(Mode mode, Optional<String> masterUrl, Optional<Path> kubeconfig,
                                   Optional<String> context, Optional<String> token, boolean trustCerts,
                                   Duration requestTimeout) {

    public enum Mode { AUTO, KUBECONFIG, IN_CLUSTER, URL;

        public static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("injector.kubernetes.mode must be auto, kubeconfig, in-cluster or url,"
                        + " was '" + text + "'");
            }
        }
    }

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    public KubernetesClient connect() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    public Config config() {
        Config base = switch (mode) {
            case AUTO -> Config.autoConfigure(context.orElse(null));
            case KUBECONFIG -> fromKubeconfig();
            case IN_CLUSTER -> inCluster();
            case URL -> new ConfigBuilder(Config.empty())
                    .withMasterUrl(masterUrl.orElseThrow(() -> new IllegalArgumentException(
                            "injector.kubernetes.master-url is required when injector.kubernetes.mode=url")))
                    .build();
        };
        ConfigBuilder builder = new ConfigBuilder(base)
                .withRequestTimeout((int) requestTimeout.toMillis())
                .withConnectionTimeout((int) Math.min(requestTimeout.toMillis(), 10_000))
                .withRequestRetryBackoffLimit(3);
        if (mode != Mode.URL) {
            masterUrl.ifPresent(builder::withMasterUrl);
        }
        token.ifPresent(builder::withOauthToken);
        if (trustCerts) {
            builder.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        return builder.build();
    }

    private Config fromKubeconfig() {
        Path path = kubeconfig.orElseThrow(() -> new IllegalArgumentException(
                "injector.kubernetes.kubeconfig is required when injector.kubernetes.mode=kubeconfig"));
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("injector.kubernetes.kubeconfig: cannot read " + path);
        }
        try {
            return Config.fromKubeconfig(context.orElse(null), Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("injector.kubernetes.kubeconfig: cannot read " + path, e);
        }
    }

    private static Config inCluster() {
        if (System.getenv("KUBERNETES_SERVICE_HOST") == null || !Files.isReadable(SERVICE_ACCOUNT_TOKEN)) {
            throw new IllegalArgumentException("injector.kubernetes.mode=in-cluster, but this process is not in a pod"
                    + " (no KUBERNETES_SERVICE_HOST or no service account token at " + SERVICE_ACCOUNT_TOKEN + ")");
        }
        // fabric8 reads the (rotating) service account token itself when kubeconfig lookup is off.
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        return Config.autoConfigure(null);
    }
}
