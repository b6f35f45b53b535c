package io.sockshop.correlator.engine.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppTopologyLoaderTest {

    @Test
    void theShippedSockShopTopologyMatchesTheManifestAndTheGuide() {
        AppTopology t = AppTopologyLoader.sockShop();
        assertThat(t.services()).hasSize(14);
        assertThat(t.entrypoint()).isEqualTo("front-end");
        assertThat(t.callees("front-end")).containsExactlyInAnyOrder("orders", "carts", "catalogue", "user", "session-db");
        assertThat(t.callees("orders")).containsExactlyInAnyOrder("payment", "shipping", "carts", "user", "orders-db");
        assertThat(t.queues()).singleElement().isEqualTo(new QueueEdge("shipping-task", "shipping", "queue-master", "rabbitmq"));
        assertThat(t.callers("catalogue-db")).containsExactly("catalogue");
        assertThat(t.upstreamOf("payment")).containsExactly("orders", "front-end");
        assertThat(t.role("catalogue-db")).isEqualTo(ServiceRole.DATASTORE);
    }

    @ParameterizedTest
    @CsvSource({"orders,orders", "sock-shop-orders,orders", "SOCK-SHOP-PAYMENT,payment", "payment,payment", "nope,"})
    void resolvesEveryNameASourceUses(String identifier, String service) {
        assertThat(AppTopologyLoader.sockShop().resolve(identifier).orElse(null)).isEqualTo(service);
    }

    @Test
    void resolvesPodsAndReplicaSetsThroughTheirDeployment() {
        AppTopology t = AppTopologyLoader.sockShop();
        assertThat(t.byPodName("catalogue-db-6ddc796b66-lzn5v")).contains("catalogue-db");
        assertThat(t.byPodName("catalogue-f4cd6c6f4-gfqmd")).contains("catalogue");
        assertThat(t.byReplicaSet("queue-master-7dc3372b9")).contains("queue-master");
        assertThat(t.byPodName("coredns-6f6b679f8f-5m7kq")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "entrypoint: a\\nservices: [{name: a}]\\ncalls: [{from: a, to: paymnt}]|calls[0].to: unknown service 'paymnt'",
            "entrypoint: zz\\nservices: [{name: a}]|entrypoint: unknown service 'zz'",
            "entrypoint: a\\nservices: [{name: a}, {name: a}]|duplicate service 'a'",
            "entrypoint: a\\nservices: [{name: a}]\\nqueues: [{name: q, publisher: a, consumer: b}]|queues[0].consumer: unknown service 'b'",
            "entrypoint: a\\nservices: [{name: a}]\\ncallz: []|callz",
            "entrypoint: a|services: at least one service"})
    void aWrongFileIsRefusedNamingThePlace(String yaml, String message) {
        assertThatThrownBy(() -> AppTopologyLoader.parse(yaml.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8), "t.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.yaml").hasMessageContaining(message);
    }
}
