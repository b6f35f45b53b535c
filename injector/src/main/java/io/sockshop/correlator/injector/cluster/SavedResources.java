package io.sockshop.correlator.injector.cluster;

import io.sockshop.correlator.model.Json;
import io.sockshop.correlator.model.injection.TargetRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code resources} of one container exactly as they were: {@code present} false when the
 * container had no {@code resources} at all (catalogue-db in the upstream manifest), maps null when
 * absent. A restore replaces the whole object, so limits a run added are removed again.
 *
 * @param containerIndex position of the container in the pod template, for the kubectl JSON patch
 */
public record SavedResources(String namespace, String deployment, String container, int containerIndex,
                             boolean present, Map<String, String> requests, Map<String, String> limits)
        implements SavedState {

    @Override
    public String key() {
        return "resources/" + namespace + "/" + deployment + "/" + container;
    }

    @Override
    public TargetRef target() {
        return new TargetRef("Deployment", namespace, deployment, container);
    }

    @Override
    public void restore(ClusterOps cluster) {
        cluster.putResources(namespace, deployment, container, this);
    }

    @Override
    public List<String> kubectl() {
        String path = "/spec/template/spec/containers/" + containerIndex + "/resources";
        String patch;
        if (present) {
            Map<String, Object> value = new LinkedHashMap<>();
            if (limits != null) {
                value.put("limits", limits);
            }
            if (requests != null) {
                value.put("requests", requests);
            }
            patch = "[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":" + json(value) + "}]";
        } else {
            patch = "[{\"op\":\"remove\",\"path\":\"" + path + "\"}]";
        }
        return List.of("kubectl -n " + namespace + " patch deployment " + deployment + " --type=json -p '" + patch + "'");
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
