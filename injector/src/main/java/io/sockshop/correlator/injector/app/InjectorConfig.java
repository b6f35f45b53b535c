package io.sockshop.correlator.injector.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the injector ({@code injector.*}); docs/injector.md lists them. */
@ConfigMapping(prefix = "injector")
public interface InjectorConfig {

    /** The cluster's name in events and keys. */
    @WithDefault("kind-sockshop")
    String cluster();

    /** The only namespaces a run may touch. */
    @WithDefault("sock-shop")
    List<String> allowedNamespaces();

    @WithDefault("sock-shop")
    String defaultNamespace();

    /** The longest a run may be designed to last; a run still going then is stopped and restored. */
    @WithDefault("30m")
    Duration maxDuration();

    /** A directory of the user's scenario files ({@code *.yaml}), added to the shipped ones. */
    Optional<Path> scenarioDir();

    @WithDefault("200")
    int historySize();

    Kubernetes kubernetes();

    Kafka kafka();

    Locust locust();

    interface Kubernetes {
        /** auto, kubeconfig, in-cluster or url. */
        @WithDefault("auto")
        String mode();

        Optional<String> masterUrl();

        Optional<Path> kubeconfig();

        Optional<String> context();

        Optional<String> token();

        @WithDefault("false")
        boolean trustCerts();

        @WithDefault("30s")
        Duration requestTimeout();
    }

    interface Kafka {
        /** Put before every topic name, e.g. {@code replay.} or a per-test prefix. */
        Optional<String> topicPrefix();

        @WithDefault("3")
        int partitions();

        Optional<Short> replicationFactor();

        @WithDefault("sockshop.injector.restores.v1")
        String restoresTopic();

        /** Default {@code sockshop-injector-<cluster>}: one injector per cluster. */
        Optional<String> transactionalId();

        @WithDefault("30s")
        Duration timeout();

        /** Extra Kafka client settings (security, ...), passed as they are. */
        @WithName("client")
        Map<String, String> client();
    }

    interface Locust {
        @WithDefault(io.sockshop.correlator.injector.load.LoadSettings.DEFAULT_IMAGE)
        String image();

        @WithDefault("user")
        String username();

        @WithDefault("password")
        String password();
    }
}
