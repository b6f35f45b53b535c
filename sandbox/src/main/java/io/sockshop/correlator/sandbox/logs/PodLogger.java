package io.sockshop.correlator.sandbox.logs;

import io.sockshop.correlator.sandbox.SimRandom;
import io.sockshop.correlator.sandbox.datadog.LogStore;
import io.sockshop.correlator.sandbox.k8s.ContainerRuntime;
import io.sockshop.correlator.sandbox.k8s.PodRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns a container's output line into the log event Datadog stores: status from the stream
 * (stdout info, stderr error: every line of the Go services is an "error"), the container's
 * Kubernetes tags as the Agent attaches them, a Datadog-style id.
 */
public final class PodLogger {

    public enum Stream { STDOUT, STDERR }

    private final LogStore store;
    private final String cluster;
    private final String namespace;
    private final String host;
    private final ServiceNaming naming;
    private final SimRandom random;
    private long counter;

    public PodLogger(LogStore store, String cluster, String namespace, String host, ServiceNaming naming, SimRandom random) {
        this.store = store;
        this.cluster = cluster;
        this.namespace = namespace;
        this.host = host;
        this.naming = naming;
        this.random = random;
    }

    public void log(PodRecord pod, ContainerRuntime container, Stream stream, Instant at, String message, Instant now) {
        String service = naming.service(container.name(), container.image());
        String deployment = pod.service();
        String podName = pod.name();
        String replicaSet = podName.substring(0, podName.lastIndexOf('-'));
        List<String> tags = new ArrayList<>(List.of(
                "kube_namespace:" + namespace,
                "kube_deployment:" + deployment,
                "kube_replica_set:" + replicaSet,
                "kube_ownerref_kind:replicaset",
                "pod_name:" + podName,
                "kube_container_name:" + container.name(),
                "container_name:" + container.name(),
                "display_container_name:" + container.name() + "_" + podName,
                "kube_cluster_name:" + cluster,
                "image_name:" + container.image().replaceFirst(":[^:/]+$", ""),
                "short_image:" + ServiceNaming.shortImage(container.image()),
                "image_tag:" + ServiceNaming.imageTag(container.image()),
                "source:" + ServiceNaming.shortImage(container.image()),
                "service:" + service));
        String status = stream == Stream.STDERR ? "error" : "info";
        store.add(new LogEvent(nextId(at), at, service, status, host, message, tags, Map.of()), now);
    }

    /** Datadog log ids are opaque base64 strings starting AQAAA; ours carry time and a sequence. */
    private synchronized String nextId(Instant at) {
        ByteBuffer buffer = ByteBuffer.allocate(24);
        buffer.putLong(at.toEpochMilli());
        buffer.putLong(counter++);
        buffer.putInt(random.nextInt(Integer.MAX_VALUE));
        buffer.putInt(0);
        return "AQAAA" + Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }
}
