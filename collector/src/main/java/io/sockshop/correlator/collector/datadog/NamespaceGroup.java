package io.sockshop.correlator.collector.datadog;

import io.sockshop.correlator.model.EventIds;

import java.util.List;

/**
 * The watched namespaces one shared Datadog query covers. A group of one keeps the checkpoint key of
 * the per-namespace collector it replaces ({@code <namespace>}), so a one-namespace collector needs
 * no migration; a larger group is keyed by a hash of its sorted namespaces.
 */
public record NamespaceGroup(List<String> namespaces) {

    public NamespaceGroup {
        if (namespaces == null || namespaces.isEmpty()) {
            throw new IllegalArgumentException("a namespace group needs at least one namespace");
        }
        namespaces = namespaces.stream().distinct().sorted().toList();
    }

    public static NamespaceGroup of(String... namespaces) {
        return new NamespaceGroup(List.of(namespaces));
    }

    public boolean single() {
        return namespaces.size() == 1;
    }

    /** The part of checkpoint keys that names the group. */
    public String key() {
        return single() ? namespaces.get(0) : "group-" + EventIds.sha256Prefix(String.join(",", namespaces)).substring(0, 12);
    }

    /** For poller names and log lines: the namespace, or the first one and how many more. */
    public String label() {
        return single() ? namespaces.get(0) : namespaces.get(0) + "+" + (namespaces.size() - 1);
    }

    public boolean contains(String namespace) {
        return namespaces.contains(namespace);
    }
}
