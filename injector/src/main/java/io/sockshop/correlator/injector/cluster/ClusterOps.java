package io.sockshop.correlator.injector.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.sockshop.correlator.injector.InjectorException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every call the injector makes to the Kubernetes API, in one place, so that the RBAC manifest can be
 * checked against it: Deployments get and patch; Jobs and ConfigMaps create and delete. Nothing
 * lists, watches or touches Pods.
 */
public final class ClusterOps {

    private final KubernetesClient client;

    public ClusterOps(KubernetesClient client) {
        this.client = client;
    }

    public Deployment deployment(String namespace, String name) {
        Deployment deployment = deploymentResource(namespace, name).get();
        if (deployment == null) {
            throw new InjectorException(InjectorException.Kind.TARGET_MISSING,
                    "Deployment " + namespace + "/" + name + " does not exist");
        }
        return deployment;
    }

    public int containerIndex(Deployment deployment, String container) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            if (containers.get(i).getName().equals(container)) {
                return i;
            }
        }
        throw new InjectorException(InjectorException.Kind.TARGET_MISSING, "Deployment "
                + deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName()
                + " has no container '" + container + "'; it has "
                + containers.stream().map(Container::getName).toList());
    }

    public SavedReplicas saveReplicas(String namespace, String name) {
        return new SavedReplicas(namespace, name, deployment(namespace, name).getSpec().getReplicas());
    }

    public SavedResources saveResources(String namespace, String name, String container) {
        Deployment deployment = deployment(namespace, name);
        int index = containerIndex(deployment, container);
        ResourceRequirements resources =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(index).getResources();
        if (resources == null) {
            return new SavedResources(namespace, name, container, index, false, null, null);
        }
        return new SavedResources(namespace, name, container, index, true,
                strings(resources.getRequests()), strings(resources.getLimits()));
    }

    public void setReplicas(String namespace, String name, Integer replicas) {
        edit(namespace, name, d -> d.getSpec().setReplicas(replicas));
    }

    /** Sets the given requests and limits, leaving other keys as they are (as {@code kubectl set resources}). */
    public void setResources(String namespace, String name, String container, Map<String, String> requests,
                             Map<String, String> limits) {
        edit(namespace, name, d -> {
            Container c = container(d, container);
            ResourceRequirements resources = c.getResources() == null ? new ResourceRequirements() : c.getResources();
            resources.setRequests(merge(resources.getRequests(), requests));
            resources.setLimits(merge(resources.getLimits(), limits));
            c.setResources(resources);
        });
    }

    /** Replaces the container's resources with exactly the saved ones. */
    public void putResources(String namespace, String name, String container, SavedResources saved) {
        edit(namespace, name, d -> {
            Container c = container(d, container);
            if (!saved.present()) {
                c.setResources(null);
            } else {
                ResourceRequirements resources = new ResourceRequirements();
                resources.setRequests(quantities(saved.requests()));
                resources.setLimits(quantities(saved.limits()));
                c.setResources(resources);
            }
        });
    }

    public void create(HasMetadata object) {
        client.resource(object).create();
    }

    /** Deletes a Job (its Pods with it, in the background) or a ConfigMap; an absent one is fine. */
    public void delete(String kind, String namespace, String name) {
        switch (kind) {
            case "Job" -> client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            case "ConfigMap" -> client.configMaps().inNamespace(namespace).withName(name).delete();
            default -> throw new IllegalArgumentException("the injector deletes only Jobs and ConfigMaps, not " + kind);
        }
    }

    private void edit(String namespace, String name, Consumer<Deployment> change) {
        try {
            deploymentResource(namespace, name).edit(d -> {
                change.accept(d);
                return d;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new InjectorException(InjectorException.Kind.TARGET_MISSING,
                        "Deployment " + namespace + "/" + name + " does not exist", e);
            }
            throw e;
        }
    }

    private RollableScalableResource<Deployment> deploymentResource(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name);
    }

    private Container container(Deployment deployment, String container) {
        return deployment.getSpec().getTemplate().getSpec().getContainers()
                .get(containerIndex(deployment, container));
    }

    private static Map<String, Quantity> merge(Map<String, Quantity> current, Map<String, String> changes) {
        if (changes == null || changes.isEmpty()) {
            return current;
        }
        Map<String, Quantity> merged = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        changes.forEach((key, value) -> merged.put(key, new Quantity(value)));
        return merged;
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        values.forEach((key, value) -> quantities.put(key, new Quantity(value)));
        return quantities;
    }

    private static Map<String, String> strings(Map<String, Quantity> quantities) {
        if (quantities == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        quantities.forEach((key, value) -> values.put(key, value.toString()));
        return values;
    }
}
