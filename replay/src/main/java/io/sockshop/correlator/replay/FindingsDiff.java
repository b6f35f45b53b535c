package io.sockshop.correlator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares findings with a golden file, by finding id, field by field, ignoring the fields named
 * volatile (JSON pointers such as {@code /time}), and reads out the differences for a person:
 * which findings are missing, which are new, and which fields of which finding changed.
 */
public final class FindingsDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FindingsDiff() {
    }

    /** @return the differences, one line each; empty when the findings match */
    public static List<String> compare(List<String> golden, List<String> actual, Set<String> volatilePointers) {
        Map<String, JsonNode> expected = byId(golden, volatilePointers, "golden");
        Map<String, JsonNode> produced = byId(actual, volatilePointers, "produced");
        List<String> differences = new ArrayList<>();
        expected.forEach((id, finding) -> {
            JsonNode other = produced.get(id);
            if (other == null) {
                differences.add("- missing  " + id + "  (" + summary(finding) + ")");
            } else {
                List<String> fields = new ArrayList<>();
                diff("", finding, other, fields);
                if (!fields.isEmpty()) {
                    differences.add("~ changed  " + id);
                    fields.forEach(f -> differences.add("      " + f));
                }
            }
        });
        produced.forEach((id, finding) -> {
            if (!expected.containsKey(id)) {
                differences.add("+ new      " + id + "  (" + summary(finding) + ")");
            }
        });
        if (differences.isEmpty() && !order(golden).equals(order(actual))) {
            differences.add("~ the same findings, in another order");
        }
        return differences;
    }

    private static Map<String, JsonNode> byId(List<String> lines, Set<String> volatilePointers, String what) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = parse(lines.get(i), what, i + 1);
            for (String pointer : volatilePointers) {
                remove(node, pointer);
            }
            byId.put(node.path("id").asText("line " + (i + 1)), node);
        }
        return byId;
    }

    private static List<String> order(List<String> lines) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ids.add(parse(lines.get(i), "findings", i + 1).path("id").asText());
        }
        return ids;
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new java.util.TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path + "/" + name, expected.path(name), actual.path(name), out);
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(path + "/" + i, expected.get(i), actual.get(i), out);
            }
            return;
        }
        out.add(path + ": golden " + text(expected) + ", now " + text(actual));
    }

    private static String text(JsonNode node) {
        if (node.isMissingNode()) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    private static String summary(JsonNode finding) {
        JsonNode data = finding.path("data");
        return data.path("status").asText() + " " + data.path("signature").path("id").asText() + " root cause "
                + data.path("rootCause").path("service").asText("-");
    }

    private static JsonNode parse(String line, String what, int number) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " line " + number + " is not JSON: " + e.getMessage());
        }
    }

    private static void remove(JsonNode node, String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a volatile field is a JSON pointer such as /time, was '" + pointer + "'");
        }
        JsonNode parent = slash == 0 ? node : node.at(pointer.substring(0, slash));
        if (parent instanceof ObjectNode object) {
            object.remove(pointer.substring(slash + 1));
        }
    }

}
