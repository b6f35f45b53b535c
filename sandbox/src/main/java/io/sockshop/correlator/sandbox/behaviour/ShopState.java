package io.sockshop.correlator.sandbox.behaviour;

import io.sockshop.correlator.sandbox.k8s.PodRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the log and metric producers need to know about the shop at one tick: users, each service's
 * load, and its pods (ready or not).
 */
public record ShopState(Instant now, double dt, double users, Map<String, ServiceLoad> loads,
                        Map<String, List<PodRecord>> pods) {

    public ServiceLoad load(String service) {
        return loads.get(service);
    }

    public List<PodRecord> podsOf(String service) {
        return pods.getOrDefault(service, List.of());
    }

    /** A ready pod of the service to serve a request, or null when none is ready (connection refused). */
    public PodRecord readyPod(String service) {
        return podsOf(service).stream().filter(p -> p.ready(now)).findFirst().orElse(null);
    }

    public boolean available(String service) {
        return readyPod(service) != null;
    }

    /** A pod whose main container runs (ready or not), to write its output. */
    public PodRecord runningPod(String service) {
        return podsOf(service).stream().filter(p -> p.mainContainer().running()).findFirst().orElse(null);
    }
}
