package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.health.HealthStatus;
import io.sockshop.correlator.model.health.ServiceHealth;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sockshop.correlator.engine.fixtures.GuideIncidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The service-health picture follows the incident in event time, names the open incident, and is throttled. */
class ServiceHealthTest {

    @Test
    void paymentGoesDownWithTheIncidentAndComesBack() {
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            h.pipeAll(GuideIncidents.paymentDown(Names.SOCK_SHOP).events());
            List<ServiceHealth> payment = h.health().stream().filter(x -> x.service().equals("payment")).toList();
            assertThat(payment).allSatisfy(x -> assertThat(x.key()).isEqualTo("kind-sockshop/sock-shop/payment"));
            ServiceHealth down = payment.stream().filter(x -> x.status() == HealthStatus.DOWN).findFirst().orElseThrow();
            assertThat(down.updatedAt()).isEqualTo(T0.plusMillis(600_500));
            assertThat(down.availableReplicas()).isZero();
            assertThat(payment.stream().filter(x -> x.status() == HealthStatus.DOWN))
                    .anySatisfy(x -> assertThat(x.openIncidentIds()).singleElement().asString()
                            .startsWith("kind-sockshop.sock-shop.dependency-down-inconsistency.payment."));
            ServiceHealth last = payment.get(payment.size() - 1);
            assertThat(last.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(last.openIncidentIds()).isEmpty();
            assertThat(last.limits().cpu()).isEqualTo("200m");
            assertThat(last.limits().memory()).isEqualTo("200Mi");
            for (int i = 1; i < payment.size(); i++) {
                assertThat(payment.get(i).updatedAt()).isAfterOrEqualTo(payment.get(i - 1).updatedAt());
            }
        }
    }
}
