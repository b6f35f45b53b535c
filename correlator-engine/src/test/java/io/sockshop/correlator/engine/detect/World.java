package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.app.AppTopologyLoader;
import io.sockshop.correlator.engine.state.AppState;
import io.sockshop.correlator.engine.state.EvidenceRef;
import io.sockshop.correlator.engine.state.QueueState;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.finding.SourceType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sock Shop application state built by hand, for the detectors' table-driven tests: each row says what
 * happened (in seconds of event time) and the detector is evaluated at {@link #NOW}.
 */
final class World {

    static final long NOW = 3_600_000L;
    static final AppTopology SOCK_SHOP = AppTopologyLoader.sockShop();

    final Map<String, ServiceState> states = new HashMap<>();
    final AppState app = new AppState();

    static long s(double seconds) {
        return Math.round(seconds * 1000);
    }

    ServiceState state(String service) {
        return states.computeIfAbsent(service, ServiceState::new);
    }

    static EvidenceRef ev(long t, String what) {
        return new EvidenceRef(t, SourceType.K8S, what, "id/" + t);
    }

    World limits(String svc, long cpuMilli, long memMi) {
        state(svc).limits(s(1), cpuMilli, memMi * 1024 * 1024, ev(s(1), "limits"));
        return this;
    }

    /** The limits change at {@code at} (0: none, as a restore that lifts them leaves the spec). */
    World limitsAt(String svc, long cpuMilli, long memMi, double at) {
        state(svc).limits(s(at), cpuMilli, memMi * 1024 * 1024, ev(s(at), "limits"));
        return this;
    }

    World available(String svc, double at) {
        state(svc).replicas(s(at), 1, 1, ev(s(at), svc + " available"));
        return this;
    }

    World down(String svc, double at) {
        available(svc, 1);
        state(svc).replicas(s(at), 0, 0, ev(s(at), svc + " 0 available"));
        return this;
    }

    /** No available replica while one is desired (its pod is crashing, not removed). */
    World unavailable(String svc, double at) {
        available(svc, 1);
        state(svc).replicas(s(at), 1, 0, ev(s(at), svc + " 0 of 1 available"));
        return this;
    }

    /** An open incident of the application (its key as the tracker stores it). */
    World openIncident(String signature, String rootCause) {
        app.openIncidents.add(io.sockshop.correlator.engine.incident.IncidentTracker.key(signature, rootCause));
        return this;
    }

    World back(String svc, double at) {
        state(svc).replicas(s(at), 1, 1, ev(s(at), svc + " available again"));
        return this;
    }

    World restarts(String svc, String reason, double... at) {
        ServiceState st = state(svc);
        st.restartCount(svc + "-pod/c", 0, 0, null, null, null);
        int n = 0;
        for (double t : at) {
            st.restartCount(svc + "-pod/c", ++n, s(t), reason, "OOMKilled".equals(reason) ? 137 : 1, "k8s/" + t);
        }
        return this;
    }

    World refused(String caller, String callee, double at) {
        state(caller).dependencyError(s(at), callee, new EvidenceRef(s(at), SourceType.LOG, "refused", "log/" + at));
        state(caller).error(s(at));
        return this;
    }

    World failedOrder(String caller, String id, double at) {
        state(caller).failedItem(id, s(at), "PAYMENT_FAILED", "log/" + id);
        return this;
    }

    World published(String publisher, double... at) {
        for (double t : at) {
            state(publisher).published(s(t), new EvidenceRef(s(t), SourceType.LOG, "Adding shipment to queue...", "log/" + t));
        }
        return this;
    }

    /** CPU samples every 10 s from {@code from} to {@code to} at {@code milli}. */
    World cpu(String svc, double milli, double from, double to) {
        for (double t = from; t <= to; t += 10) {
            final double tt = t;
            state(svc).cpu(s(t), milli, 0.9, () -> new EvidenceRef(s(tt), SourceType.METRIC, "cpu", "m/" + tt));
        }
        return this;
    }

    World memory(String svc, double mi, double from, double to) {
        for (double t = from; t <= to; t += 10) {
            final double tt = t;
            state(svc).memory(s(t), mi * 1024 * 1024, 0.9, () -> new EvidenceRef(s(tt), SourceType.METRIC, "mem", "m/" + tt));
        }
        return this;
    }

    /** Usage samples of one pod every 10 s from {@code from} to {@code to} (seconds): CPU millicores or memory Mi. */
    World usage(String svc, boolean cpu, double value, double from, double to) {
        for (double t = from; t < to; t += 10) {
            state(svc).usage(cpu, svc + "-pod", s(t), cpu ? value : value * 1024 * 1024,
                    new EvidenceRef(s(t), SourceType.METRIC, cpu ? "cpu" : "mem", "u/" + t));
        }
        return this;
    }

    /** Latency samples every 10 s for the last 20 minutes: {@code normalMs}, then {@code slowMs} from {@code from}. */
    World latency(String svc, double normalMs, double slowMs, double from) {
        for (double t = NOW / 1000.0 - 1200; t <= NOW / 1000.0; t += 10) {
            state(svc).latency(s(t), t >= from ? slowMs : normalMs, new EvidenceRef(s(t), SourceType.LOG, "took", "l/" + t));
        }
        return this;
    }

    World circuitOpen(String svc, double at) {
        state(svc).circuitOpen(s(at), new EvidenceRef(s(at), SourceType.LOG, "circuit breaker 'List' is open", "l/" + at));
        state(svc).error(s(at));
        return this;
    }

    World queueDown(String queue, String publisher, String consumer) {
        QueueState q = app.queues.computeIfAbsent(queue, k -> new QueueState());
        q.consumerDownSince = state(consumer).unavailableSince;
        q.publishedWhileDown = state(publisher).publishedSince(q.consumerDownSince);
        return this;
    }

    DetectionContext context() {
        return context(DetectionSettings.defaults());
    }

    DetectionContext context(DetectionSettings settings) {
        return new DetectionContext(ApplicationKey.of("kind-sockshop", "sock-shop"), SOCK_SHOP, settings, NOW, states::get, app);
    }

    List<Match> evaluate(Detector detector) {
        return detector.evaluate(context());
    }
}
