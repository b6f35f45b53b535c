package io.sockshop.correlator.api.state;

import io.sockshop.correlator.model.health.ServiceHealth;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The correlator's latest picture of each service, from the compacted service-health topic keyed
 * {@code <cluster>/<namespace>/<service>}; bounded, the picture updated longest ago goes first.
 */
public final class ServiceHealthStore {

    private final Map<String, ServiceHealth> byKey = new ConcurrentHashMap<>();
    private final int maxServices;

    public ServiceHealthStore(int maxServices) {
        if (maxServices < 1) {
            throw new IllegalArgumentException("maxServices must be at least 1, was " + maxServices);
        }
        this.maxServices = maxServices;
    }

    public synchronized void apply(String key, ServiceHealth health) {
        if (health == null) {
            if (key != null) {
                byKey.remove(key);
            }
            return;
        }
        byKey.put(health.key(), health);
        if (byKey.size() > maxServices) {
            byKey.values().stream().min(Comparator.comparing(ServiceHealth::updatedAt))
                    .ifPresent(h -> byKey.remove(h.key()));
        }
    }

    public Optional<ServiceHealth> get(String application, String service) {
        return Optional.ofNullable(byKey.get(application + "/" + service));
    }

    public List<ServiceHealth> all() {
        return List.copyOf(byKey.values());
    }

    public int size() {
        return byKey.size();
    }
}
