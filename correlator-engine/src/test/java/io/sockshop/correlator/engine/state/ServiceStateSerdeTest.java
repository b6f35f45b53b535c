package io.sockshop.correlator.engine.state;

import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.engine.logs.PatternCatalogue;
import io.sockshop.correlator.engine.normalize.Changes;
import io.sockshop.correlator.engine.normalize.SignalApplier;
import io.sockshop.correlator.engine.normalize.StateAccess;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Json;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.k8s.K8sObject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binary service-state format round-trips every field of states built by the guide's incidents. */
class ServiceStateSerdeTest {

    @SuppressWarnings("unchecked")
    static Map<String, ServiceState> statesAfter(Scenario scenario) {
        Map<String, ServiceState> states = new HashMap<>();
        AppState app = new AppState();
        StateAccess access = new StateAccess() {
            public ServiceState service(String name) {
                return states.computeIfAbsent(name, ServiceState::new);
            }

            public AppState app() {
                return app;
            }
        };
        SignalApplier applier = new SignalApplier(Names.SOCK_SHOP.topology(), PatternCatalogue.defaults(), 0.9);
        for (CloudEvent<?> e : scenario.events()) {
            Changes c = new Changes();
            if (e.data() instanceof K8sObject) {
                applier.k8s((CloudEvent<K8sObject>) e, access, c);
            } else if (e.data() instanceof DatadogLog) {
                applier.log((CloudEvent<DatadogLog>) e, access, c);
            } else {
                applier.metric((CloudEvent<MetricPoint>) e, access, c);
            }
        }
        return states;
    }

    @Test
    void everyFieldRoundTrips() throws Exception {
        ServiceStateSerde serde = new ServiceStateSerde();
        int checked = 0;
        for (Scenario s : List.of(GuideIncidents.crashUnderLoad(Names.SOCK_SHOP), GuideIncidents.paymentDown(Names.SOCK_SHOP),
                GuideIncidents.consumerDown(Names.SOCK_SHOP), GuideIncidents.datastoreThrottle(Names.SOCK_SHOP))) {
            for (ServiceState state : statesAfter(s).values()) {
                byte[] bytes = serde.serializer().serialize("t", state);
                ServiceState back = serde.deserializer().deserialize("t", bytes);
                assertThat(Json.mapper().writeValueAsString(back)).isEqualTo(Json.mapper().writeValueAsString(state));
                assertThat(serde.serializer().serialize("t", back)).isEqualTo(bytes);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void anUnknownFormatVersionIsRefusedClearly() {
        assertThatThrownBy(() -> new ServiceStateSerde().deserializer().deserialize("t", new byte[]{9, 0}))
                .hasMessageContaining("service state format version 9 is not supported");
    }

    @Test
    void aVersion1EntryWrittenBeforeTheLearnedBaselinesIsReadWithEmptyOnes() {
        ServiceState s = new ServiceState("carts");
        s.cpuMilli = 120;
        s.errorTotal = 7;
        byte[] v2 = ServiceStateSerde.write(s);
        // Version 1 ended where version 2 appends two empty baselines (24 bytes each) and two absent samples.
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 50);
        v1[0] = ServiceStateSerde.VERSION_WITHOUT_RESOURCE_BASELINES;
        ServiceState back = ServiceStateSerde.read(v1);
        assertThat(back.cpuMilli).isEqualTo(120);
        assertThat(back.errorTotal).isEqualTo(7);
        assertThat(back.cpuUsage.pods()).isEmpty();
        assertThat(back.memSample).isNull();
        assertThat(ServiceStateSerde.write(back)).isEqualTo(v2);
    }

    @Test
    void theLearnedBaselinesAreInTheStoredEntry() {
        ServiceState s = new ServiceState("carts");
        for (long t = 0; t < 20 * 60_000; t += 10_000) {
            s.usage(true, "carts-1", t, 100, null);
            s.usage(false, "carts-1", t, 300e6, null);
        }
        ServiceState back = ServiceStateSerde.read(ServiceStateSerde.write(s));
        assertThat(back.cpuUsage.reference(20 * 60_000, 20 * 60_000, 15).level()).isEqualTo(100);
        assertThat(back.memUsage.reference(20 * 60_000, 20 * 60_000, 15).level()).isEqualTo(300e6);
    }
}
