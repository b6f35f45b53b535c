package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.fixtures.Fixtures;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.logs.PatternCatalogue;
import io.sockshop.correlator.engine.state.AppState;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.k8s.K8sObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static io.sockshop.correlator.engine.fixtures.GuideIncidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Normalisation of records shaped like the real formats into service state, on real and renamed names. */
class SignalApplierTest {

    enum Naming {
        SOCK_SHOP(Names.SOCK_SHOP), RENAMED(Names.RENAMED);
        final Names names;

        Naming(Names names) {
            this.names = names;
        }
    }

    static final class Access implements StateAccess {
        final Map<String, ServiceState> services = new HashMap<>();
        final AppState app = new AppState();

        @Override
        public ServiceState service(String name) {
            return services.computeIfAbsent(name, ServiceState::new);
        }

        @Override
        public AppState app() {
            return app;
        }
    }

    @SuppressWarnings("unchecked")
    static boolean apply(SignalApplier a, CloudEvent<?> e, Access s) {
        Changes c = new Changes();
        if (e.data() instanceof K8sObject) {
            return a.k8s((CloudEvent<K8sObject>) e, s, c);
        }
        if (e.data() instanceof DatadogLog) {
            return a.log((CloudEvent<DatadogLog>) e, s, c);
        }
        return a.metric((CloudEvent<MetricPoint>) e, s, c);
    }

    @ParameterizedTest
    @EnumSource(Naming.class)
    void kubernetesRecords(Naming naming) {
        Names n = naming.names;
        Fixtures f = new Fixtures(n, T0);
        SignalApplier a = new SignalApplier(n.topology(), PatternCatalogue.defaults(), 0.9);
        Access s = new Access();
        assertThat(apply(a, f.deployment(0, "front-end", 1, 1), s)).isTrue();
        ServiceState fe = s.service(n.s("front-end"));
        assertThat(fe.cpuLimitMilli).isEqualTo(300);
        assertThat(fe.memLimitBytes).isEqualTo(1000L * 1024 * 1024);
        apply(a, f.pod(1, "front-end", 0, null, null, null), s);
        apply(a, f.restart(60, "front-end", "OOMKilled", 137, true), s);
        assertThat(fe.restarts).singleElement().satisfies(r -> {
            assertThat(r.oomKilled()).isTrue();
            assertThat(r.exitCode()).isEqualTo(137);
            assertThat(r.time()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        });
        assertThat(fe.crashLoopSince).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        apply(a, f.kubeletEvent(61, "front-end", "BackOff", "Back-off restarting failed container " + n.s("front-end")
                + " in pod " + f.podName("front-end"), 3), s);
        apply(a, f.kubeletEvent(62, "front-end", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", 4), s);
        assertThat(fe.lastBackOff.summary()).startsWith("BackOff: Back-off restarting failed container").endsWith("(x3)");
        assertThat(fe.probeFailures.between(0, T0.plusSeconds(120).toEpochMilli())).isEqualTo(1);
        apply(a, f.running(90, "front-end"), s);
        assertThat(fe.crashLoopSince).isZero();

        apply(a, f.deployment(100, "payment", 1, 1), s);
        for (int wording = 0; wording < 3; wording++) {
            s.service(n.s("payment")).scaledToZero = null;
            apply(a, f.scaledDown(101 + wording, "payment", "5d8f6c7b9", wording), s);
            assertThat(s.service(n.s("payment")).scaledToZero).as("wording " + wording).isNotNull();
        }
        apply(a, f.deployment(105, "payment", 0, 0), s);
        assertThat(s.service(n.s("payment")).unavailableSince).isEqualTo(T0.plusSeconds(105).toEpochMilli());
        apply(a, f.deployment(99, "payment", 0, 0), s);
        assertThat(s.service(n.s("payment")).unavailableSince).as("a late, earlier observation of the outage")
                .isEqualTo(T0.plusSeconds(99).toEpochMilli());
    }

    @ParameterizedTest
    @EnumSource(Naming.class)
    void logsResolveCalleesThroughTheTopology(Naming naming) {
        Names n = naming.names;
        Fixtures f = new Fixtures(n, T0);
        SignalApplier a = new SignalApplier(n.topology(), PatternCatalogue.defaults(), 0.9);
        Access s = new Access();
        apply(a, f.refusedToward(10, "payment", "/paymentAuth"), s);
        apply(a, f.orderIoError(10.01), s);
        apply(a, f.orderStatus(10.06, "6900953ac1f4320001b50703", "PAYMENT_FAILED"), s);
        apply(a, f.goHealth(11, "catalogue"), s);
        apply(a, f.userNotFound(12), s);
        ServiceState orders = s.service(n.s("orders"));
        assertThat(orders.refusedByCallee).containsEntry(n.s("payment"), 1L).containsEntry("", 1L);
        assertThat(orders.failed).singleElement().satisfies(x -> assertThat(x.id()).isEqualTo("6900953ac1f4320001b50703"));
        assertThat(orders.errorTotal).isEqualTo(3);
        assertThat(s.service(n.s("catalogue")).errorTotal).as("stderr health check").isZero();
        assertThat(s.service(n.s("user")).errorTotal).as("a login 404").isZero();
    }

    @ParameterizedTest
    @EnumSource(Naming.class)
    void metricsInDatadogUnits(Naming naming) {
        Names n = naming.names;
        Fixtures f = new Fixtures(n, T0);
        SignalApplier a = new SignalApplier(n.topology(), PatternCatalogue.defaults(), 0.9);
        Access s = new Access();
        apply(a, f.deployment(0, "catalogue-db", 1, 1, "50m", "128Mi"), s);
        apply(a, f.cpu(10, "catalogue-db", 51), s);
        apply(a, f.memory(10, "catalogue-db", 64), s);
        ServiceState db = s.service(n.s("catalogue-db"));
        assertThat(db.cpuMilli).isEqualTo(51.0);
        assertThat(db.cpuRatio()).isEqualTo(51.0 / 50);
        assertThat(db.cpuHighSince).isEqualTo(T0.plusSeconds(10).toEpochMilli());
        assertThat(db.memRatio()).isEqualTo(0.5);
        apply(a, f.cpuLimit(20, "catalogue-db", 500), s);
        assertThat(db.cpuLimitMilli).isEqualTo(500);
        apply(a, f.latency(30, "front-end", 0.25), s);
        assertThat(s.service(n.s("front-end")).latency.recent(T0.plusSeconds(30).toEpochMilli())).hasValue(250.0);
        apply(a, f.requestErrors(30, "orders", 7), s);
        assertThat(s.service(n.s("orders")).errorTotal).isEqualTo(7);
        apply(a, f.queueDepth(40, 12), s);
        apply(a, f.queueConsumers(40, 0), s);
        assertThat(s.service(n.s("rabbitmq")).queueDepth).isEqualTo(12.0);
        assertThat(s.service(n.s("rabbitmq")).queueConsumers).isZero();
    }
}
