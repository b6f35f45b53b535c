package io.sockshop.correlator.sandbox.behaviour;

import io.fabric8.kubernetes.api.model.Container;
import io.sockshop.correlator.sandbox.k8s.Kubelet;
import io.sockshop.correlator.sandbox.k8s.LivenessProber;
import io.sockshop.correlator.sandbox.k8s.PodRecord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sock Shop's request flow and load: users reach the front-end, the front-end calls catalogue,
 * carts, user and orders, which call their databases; orders calls payment and shipping, shipping
 * publishes to RabbitMQ, queue-master consumes. Each tick updates every service's load from the
 * users and its pods' limits, and OOM-kills containers whose memory reaches the limit.
 */
public final class ShopModel {

    /** Leaves first, so that callers see their dependencies' latency of the same tick. */
    static final List<String> ORDER = List.of("catalogue-db", "carts-db", "user-db", "orders-db", "session-db",
            "rabbitmq", "payment", "shipping", "queue-master", "catalogue", "carts", "user", "orders", "front-end");

    private static final Map<String, String> DATASTORE_OF = Map.of(
            "catalogue", "catalogue-db", "carts", "carts-db", "user", "user-db", "orders", "orders-db");

    private final Kubelet kubelet;
    private final LivenessProber prober;
    private final Map<String, ServiceLoad> loads = new LinkedHashMap<>();

    public ShopModel(Kubelet kubelet, double probeDelayScale) {
        this.kubelet = kubelet;
        this.prober = new LivenessProber(kubelet, probeDelayScale);
        for (String service : ORDER) {
            loads.put(service, new ServiceLoad(ServiceProfile.of(service)));
        }
    }

    public ShopState step(Instant now, double dt, double users) {
        Map<String, List<PodRecord>> pods = new LinkedHashMap<>();
        for (String service : ORDER) {
            pods.put(service, kubelet.podsOf(service));
        }
        ShopState state = new ShopState(now, dt, users, loads, pods);
        boolean frontEndUp = state.available("front-end");
        double frontEndRps = frontEndUp ? users * ServiceProfile.RPS_PER_USER : 0;
        for (String service : ORDER) {
            ServiceLoad load = loads.get(service);
            PodRecord pod = state.runningPod(service);
            if (pod == null) {
                load.restart();
                continue;
            }
            double arrival = arrival(state, service, frontEndRps);
            Container spec = pod.pod().getSpec().getContainers().get(0);
            Double memoryLimit = ContainerLimits.memoryBytes(spec).map(b -> b / (1024.0 * 1024.0)).orElse(null);
            load.update(arrival, ContainerLimits.cpuMillis(spec).orElse(null), memoryLimit, downstreamMs(state, service), dt);
            if (load.outOfMemory(memoryLimit)) {
                for (PodRecord running : state.podsOf(service)) {
                    if (running.mainContainer().running()) {
                        kubelet.containerDied(running, running.mainContainer().name(), "OOMKilled", 137, now);
                    }
                }
                load.restart();
            }
        }
        prober.probe(now, pod -> {
            ServiceLoad load = loads.get(pod.service());
            return load == null ? 0 : load.probeLatencyMs();
        });
        return state;
    }

    private double arrival(ShopState state, String service, double frontEndRps) {
        if (service.equals("front-end")) {
            return frontEndRps;
        }
        String caller = DATASTORE_OF.entrySet().stream().filter(e -> e.getValue().equals(service))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (caller != null && !state.available(caller)) {
            return 0;
        }
        return frontEndRps * loads.get(service).profile().share();
    }

    private double downstreamMs(ShopState state, String service) {
        return switch (service) {
            case "front-end" -> weighted(state, "catalogue") + weighted(state, "carts") + weighted(state, "user")
                    + weighted(state, "orders");
            case "orders" -> latency(state, "payment") + latency(state, "user") + latency(state, "carts")
                    + latency(state, "orders-db");
            default -> DATASTORE_OF.containsKey(service) ? latency(state, DATASTORE_OF.get(service)) : 0;
        };
    }

    private double weighted(ShopState state, String service) {
        return loads.get(service).profile().share() * latency(state, service);
    }

    private double latency(ShopState state, String service) {
        return state.available(service) ? loads.get(service).latencyMs() : 0;
    }

    public Map<String, ServiceLoad> loads() {
        return loads;
    }
}
