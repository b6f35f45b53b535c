package io.sockshop.correlator.engine.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an application topology file (YAML, see docs/correlator.md). Every mistake is reported with
 * the place in the file ({@code calls[2].to: unknown service 'paymnt'}), so a wrong file stops start-up
 * with a message a user can act on.
 */
public final class AppTopologyLoader {

    /** The Sock Shop topology shipped as the default, derived from complete-demo.yaml and the incident guide. */
    public static final String SOCK_SHOP_RESOURCE = "/topology/sock-shop.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AppTopologyLoader() {
    }

    public static AppTopology sockShop() {
        return fromResource(SOCK_SHOP_RESOURCE);
    }

    public static AppTopology fromResource(String resource) {
        try (InputStream in = AppTopologyLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("topology resource " + resource + " not found on the classpath");
            }
            return parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read topology resource " + resource + ": " + e.getMessage(), e);
        }
    }

    public static AppTopology fromFile(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read topology file " + file + ": " + e.getMessage(), e);
        }
    }

    public static AppTopology parse(byte[] yaml, String origin) {
        File file;
        try {
            file = YAML.readValue(yaml, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("topology " + origin + ": " + firstLine(e.getMessage()), e);
        }
        if (file == null) {
            throw new IllegalArgumentException("topology " + origin + " is empty");
        }
        return file.validate(origin);
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }

    record ServiceEntry(String name, ServiceRole role, List<String> deployments, List<String> aliases) {
    }

    record Edge(String from, String to) {
    }

    record Queue(String name, String publisher, String consumer, String broker) {
    }

    record File(String application, String entrypoint, @JsonProperty("podLabel") String podLabel,
                List<ServiceEntry> services, List<Edge> calls, List<Queue> queues, List<Edge> datastores,
                Map<String, Object> notes) {

        AppTopology validate(String origin) {
            List<String> errors = new ArrayList<>();
            if (services == null || services.isEmpty()) {
                throw new IllegalArgumentException("topology " + origin + ": services: at least one service is required");
            }
            Set<String> names = new HashSet<>();
            List<ServiceDef> defs = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                ServiceEntry s = services.get(i);
                if (s == null || s.name() == null || s.name().isBlank()) {
                    errors.add("services[" + i + "].name is required");
                    continue;
                }
                if (!names.add(s.name())) {
                    errors.add("services[" + i + "].name: duplicate service '" + s.name() + "'");
                }
                defs.add(new ServiceDef(s.name(), s.role(), s.deployments(), s.aliases()));
            }
            if (entrypoint == null || !names.contains(entrypoint)) {
                errors.add("entrypoint: " + (entrypoint == null ? "is required" : "unknown service '" + entrypoint + "'"));
            }
            List<CallEdge> callEdges = edges("calls", calls, names, errors);
            List<CallEdge> storeEdges = edges("datastores", datastores, names, errors);
            List<QueueEdge> queueEdges = new ArrayList<>();
            if (queues != null) {
                for (int i = 0; i < queues.size(); i++) {
                    Queue q = queues.get(i);
                    String at = "queues[" + i + "]";
                    if (q.name() == null || q.name().isBlank()) {
                        errors.add(at + ".name is required");
                    }
                    check(at + ".publisher", q.publisher(), names, errors);
                    check(at + ".consumer", q.consumer(), names, errors);
                    if (q.broker() != null) {
                        check(at + ".broker", q.broker(), names, errors);
                    }
                    queueEdges.add(new QueueEdge(q.name(), q.publisher(), q.consumer(), q.broker()));
                }
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("topology " + origin + ": " + String.join("; ", errors));
            }
            return new AppTopology(application == null ? origin : application, entrypoint, podLabel, defs,
                    callEdges, queueEdges, storeEdges);
        }

        private static List<CallEdge> edges(String field, List<Edge> edges, Set<String> names, List<String> errors) {
            List<CallEdge> out = new ArrayList<>();
            if (edges == null) {
                return out;
            }
            for (int i = 0; i < edges.size(); i++) {
                Edge e = edges.get(i);
                check(field + "[" + i + "].from", e.from(), names, errors);
                check(field + "[" + i + "].to", e.to(), names, errors);
                out.add(new CallEdge(e.from(), e.to()));
            }
            return out;
        }

        private static void check(String at, String service, Set<String> names, List<String> errors) {
            if (service == null) {
                errors.add(at + " is required");
            } else if (!names.contains(service)) {
                errors.add(at + ": unknown service '" + service + "'");
            }
        }
    }
}
