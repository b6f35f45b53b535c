package io.sockshop.correlator.deploy;

import io.fabric8.kubernetes.api.model.rbac.Role;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Kubernetes API request as RBAC sees it: API group, namespace, resource, verb. */
record ApiCall(String group, String namespace, String resource, String verb) {

    private static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(/[^/?]+)?(/[^?]+)?(\\?.*)?");

    /** From "METHOD /path?query" as the mock server recorded it. */
    static ApiCall parse(String request) {
        String method = request.substring(0, request.indexOf(' '));
        String path = request.substring(request.indexOf(' ') + 1);
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new AssertionError("not a namespaced resource request, which no namespaced Role can allow: " + request);
        }
        boolean named = m.group(4) != null;
        String resource = m.group(3) + (m.group(5) == null ? "" : m.group(5));
        String query = m.group(6) == null ? "" : m.group(6);
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new AssertionError("unexpected method in " + request);
        };
        return new ApiCall(m.group(1) == null ? "" : m.group(1), m.group(2), resource, verb);
    }

    String permission() {
        return (group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb;
    }

    /** Every group/resource:verb a Role grants (no wildcards allowed: least privilege is spelled out). */
    static Set<String> granted(Role role) {
        Set<String> granted = new TreeSet<>();
        role.getRules().forEach(rule -> {
            if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
                throw new AssertionError("resourceNames are not compared here: " + rule);
            }
            rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource -> rule.getVerbs().forEach(verb -> {
                if (group.equals("*") || resource.equals("*") || verb.equals("*")) {
                    throw new AssertionError(role.getMetadata().getName() + " grants a wildcard: " + rule);
                }
                granted.add(new ApiCall(group, role.getMetadata().getNamespace(), resource, verb).permission());
            })));
        });
        return granted;
    }
}
