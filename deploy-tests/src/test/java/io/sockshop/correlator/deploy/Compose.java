package io.sockshop.correlator.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml, read as compose reads it (the parts these tests check). */
final class Compose {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    final JsonNode root;

    private Compose(JsonNode root) {
        this.root = root;
    }

    static Compose load() {
        return new Compose(Yaml.one(Repository.read("docker-compose.yml")));
    }

    Set<String> services() {
        Set<String> names = new TreeSet<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    List<String> profiles(String service) {
        List<String> profiles = new ArrayList<>();
        service(service).path("profiles").forEach(p -> profiles.add(p.asText()));
        return profiles;
    }

    /** The environment as written (map or list form), values as text. */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service(service).path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String text = item.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            });
        }
        return env;
    }

    /** A value with every ${VAR:-default} replaced by its default, as with an empty .env. */
    static String withDefaults(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) != null && m.group(2).endsWith("-") ? m.group(3) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** The variables the file takes from the environment or .env. */
    Set<String> variables() {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Repository.read("docker-compose.yml"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Published ports as (host, container). */
    List<int[]> ports(String service) {
        List<int[]> ports = new ArrayList<>();
        service(service).path("ports").forEach(p -> {
            String[] parts = p.asText().split(":");
            if (parts.length != 2) {
                throw new AssertionError(service + ": write ports as \"host:container\", was " + p.asText());
            }
            ports.add(new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
        });
        return ports;
    }

    /** Volumes in short syntax: source, target, options. */
    List<String[]> volumes(String service) {
        List<String[]> volumes = new ArrayList<>();
        service(service).path("volumes").forEach(v -> {
            String text = v.asText();
            // a source may hold ${VAR:-./path}: split on the colons outside it
            String resolved = withDefaults(text);
            String[] parts = resolved.split(":");
            volumes.add(new String[]{parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : ""});
        });
        return volumes;
    }

    /** The module a service is built from (its build context), if it is built here. */
    Optional<String> buildContext(String service) {
        JsonNode build = service(service).path("build");
        if (build.isMissingNode()) {
            return Optional.empty();
        }
        String context = build.isTextual() ? build.asText() : build.path("context").asText();
        return Optional.of(context.startsWith("./") ? context.substring(2) : context);
    }

    Optional<String> dockerfile(String service) {
        return buildContext(service).map(context -> context + "/"
                + service(service).path("build").path("dockerfile").asText("Dockerfile"));
    }

    List<String> command(String service) {
        List<String> command = new ArrayList<>();
        service(service).path("command").forEach(c -> command.add(c.asText()));
        return command;
    }
}
