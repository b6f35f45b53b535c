package io.sockshop.correlator.injector.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sockshop.correlator.injector.support.SockShopCluster;
import io.sockshop.correlator.testkit.SharedKafkaBroker;

import java.util.Map;
import java.util.UUID;

/**
 * The service under test talks to the shared test broker (its own topic prefix) and to the mock Sock
 * Shop API over HTTP, configured exactly as a user would: {@code injector.kubernetes.mode=url}.
 */
public class InjectorTestResources implements QuarkusTestResourceLifecycleManager {

    static SockShopCluster cluster;
    static String prefix;

    @Override
    public Map<String, String> start() {
        cluster = new SockShopCluster();
        prefix = "q" + UUID.randomUUID().toString().substring(0, 8) + ".";
        return Map.of(
                "kafka.bootstrap.servers", SharedKafkaBroker.get().bootstrapServers(),
                "injector.kafka.topic-prefix", prefix,
                "injector.kafka.transactional-id", "injector-" + prefix,
                "injector.kubernetes.mode", "url",
                "injector.kubernetes.master-url", cluster.url(),
                "injector.max-duration", "10m");
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
