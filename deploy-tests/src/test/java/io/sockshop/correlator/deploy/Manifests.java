package io.sockshop.correlator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Rendered objects parsed with fabric8 into their typed model (Strimzi's for its resources): an
 * object that only parses generically (an unknown apiVersion or kind) or that carries a field its
 * model does not have (a misspelt {@code readinesProbe}) is refused, with the place.
 */
final class Manifests {

    private static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class);

    final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static Manifests render(String kustomization) {
        return parse(Kustomize.render(kustomization), kustomization);
    }

    static Manifests parse(List<JsonNode> documents, String origin) {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode document : documents) {
            String id = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            String where = origin + ": " + id + " " + document.path("metadata").path("name").asText();
            String json = document.toString();
            HasMetadata object = STRIMZI.containsKey(id) ? Serialization.unmarshal(json, STRIMZI.get(id))
                    : Serialization.unmarshal(json);
            if (object instanceof GenericKubernetesResource) {
                throw new AssertionError(where + " is no kind fabric8 or Strimzi knows (check apiVersion and kind)");
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(object, object.getKind(), unknown, new IdentityHashMap<>(), 0);
            if (!unknown.isEmpty()) {
                throw new AssertionError(where + " has fields its model does not know: " + unknown);
            }
            objects.add(object);
        }
        return new Manifests(objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> matching = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", found " + matching.size());
        }
        return matching.get(0);
    }

    private static void unknownFields(Object value, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen,
                                      int depth) {
        if (value == null || depth > 40 || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen, depth + 1));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : getters(value.getClass())) {
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else if (!isConfigMap(getter)) {
                unknownFields(child, path + "." + property(getter), unknown, seen, depth + 1);
            }
        }
    }

    /** Free-form maps (Kafka and topic config, labels, annotations, data) hold no model objects. */
    private static boolean isConfigMap(Method getter) {
        return Map.class.isAssignableFrom(getter.getReturnType())
                && Set.of("getConfig", "getLabels", "getAnnotations", "getData", "getStringData", "getBinaryData",
                "getMatchLabels", "getNodeSelector", "getSelector").contains(getter.getName());
    }

    private static Stream<Method> gettersStream(Class<?> type) {
        return Stream.of(type.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getName().startsWith("get") && !m.getName().equals("getClass"));
    }

    private static List<Method> getters(Class<?> type) {
        return gettersStream(type).toList();
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
