package io.sockshop.correlator.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile input for property-based tests, grown from the contract's own examples
 * (docs/schemas/examples/*.json, each valid against its schema): random bytes, JSON cut short, bytes
 * that are not UTF-8, valid JSON with a field of the wrong type, a missing field, a huge string, deep
 * nesting, odd Unicode, and the untouched example. Every value says how it was made, so a failure
 * names its kind.
 */
public final class Hostile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings that are legal JSON and legal UTF-16 but odd: controls, bidi overrides, zero-width, emoji, combining marks. */
    public static final List<String> ODD_UNICODE = List.of("\u0000", "\u202Eevil\u202C", "\u200B\u200C\u200D\uFEFF",
            "\uD83E\uDDE6\uD83D\uDD25", "e\u0301\u0302\u0303\u0304", "\u0301", "\uE000\uF8FF", "\u0085\u2028\u2029",
            "%00%0d%0a", "../../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>", "\\u0000", "\t\r\n",
            "\uFFFF\uFFFE", "\u00A0", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629", "\u65E5\u672C\u8A9E");

    /** A value and how it was made. */
    public record Sample(String kind, byte[] bytes) {
        @Override
        public String toString() {
            String text = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8);
            return kind + " (" + bytes.length + " bytes): " + text.replaceAll("\\p{Cntrl}", "?");
        }
    }

    private Hostile() {
    }

    /** A contract example by file name, e.g. {@code k8s-object.v1.json}. */
    public static ObjectNode example(String file) {
        Path path = Path.of(System.getProperty("reliability.root", ".."), "docs", "schemas", "examples", file);
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract example " + path, e);
        }
    }

    /** Hostile values grown from {@code base}, with the untouched base among them. */
    public static Arbitrary<Sample> values(ObjectNode base) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Sample("valid example", bytes(base)))),
                net.jqwik.api.Tuple.of(3, randomBytes()),
                net.jqwik.api.Tuple.of(3, truncated(base)),
                net.jqwik.api.Tuple.of(2, notUtf8(base)),
                net.jqwik.api.Tuple.of(5, wrongType(base)),
                net.jqwik.api.Tuple.of(5, missingField(base)),
                net.jqwik.api.Tuple.of(1, hugeString(base)),
                net.jqwik.api.Tuple.of(2, deepNesting(base)),
                net.jqwik.api.Tuple.of(4, oddUnicode(base)),
                net.jqwik.api.Tuple.of(2, notJson()));
    }

    public static Arbitrary<Sample> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048).map(b -> new Sample("random bytes", b));
    }

    public static Arbitrary<Sample> notJson() {
        return Arbitraries.of("", " ", "null", "[]", "42", "\"a string\"", "{", "}{", "{\"specversion\":}", "NaN",
                        "{\"a\":1}{\"b\":2}", "<html><body>502</body></html>", "true", "[{}]")
                .map(s -> new Sample("not an event", s.getBytes(StandardCharsets.UTF_8)));
    }

    public static Arbitrary<Sample> truncated(ObjectNode base) {
        byte[] whole = bytes(base);
        return Arbitraries.integers().between(0, whole.length - 1)
                .map(n -> new Sample("JSON cut at " + n, Arrays.copyOf(whole, n)));
    }

    public static Arbitrary<Sample> notUtf8(ObjectNode base) {
        byte[] whole = bytes(base);
        return Arbitraries.integers().between(1, whole.length - 2).map(n -> {
            byte[] b = whole.clone();
            b[n] = (byte) 0xC3;
            b[n + 1] = (byte) 0x28; // an invalid two-byte sequence
            return new Sample("invalid UTF-8 at " + n, b);
        });
    }

    public static Arbitrary<Sample> wrongType(ObjectNode base) {
        List<String> paths = paths(base);
        return Combinators.combine(Arbitraries.of(paths), Arbitraries.integers().between(0, 5)).as((path, t) -> {
            ObjectNode copy = base.deepCopy();
            JsonNode current = copy.at(path);
            JsonNode replacement = switch (t) {
                case 0 -> current.isTextual() ? NODES.numberNode(7) : NODES.textNode("7");
                case 1 -> current.isBoolean() ? NODES.textNode("true") : NODES.booleanNode(true);
                case 2 -> current.isArray() ? NODES.objectNode() : NODES.arrayNode().add(1);
                case 3 -> current.isObject() ? NODES.textNode("{}") : NODES.objectNode().put("x", 1);
                case 4 -> current.isNumber() ? NODES.textNode(current.asText()) : NODES.numberNode(1.5e300);
                default -> current.isTextual() ? NODES.numberNode(-1) : NODES.textNode("");
            };
            set(copy, path, replacement);
            return new Sample("wrong type at " + path + " (" + replacement + ")", bytes(copy));
        });
    }

    public static Arbitrary<Sample> missingField(ObjectNode base) {
        return Arbitraries.of(paths(base)).map(path -> {
            ObjectNode copy = base.deepCopy();
            remove(copy, path);
            return new Sample("missing " + path, bytes(copy));
        });
    }

    public static Arbitrary<Sample> hugeString(ObjectNode base) {
        List<String> strings = paths(base).stream().filter(p -> base.at(p).isTextual()).toList();
        return Combinators.combine(Arbitraries.of(strings), Arbitraries.of(100_000, (1 << 20) + 1)).as((path, length) -> {
            ObjectNode copy = base.deepCopy();
            set(copy, path, NODES.textNode("x".repeat(length)));
            return new Sample("string of " + length + " chars at " + path, bytes(copy));
        });
    }

    public static Arbitrary<Sample> deepNesting(ObjectNode base) {
        return Arbitraries.of(8, 63, 65, 300, 5000).map(depth -> {
            StringBuilder deep = new StringBuilder();
            deep.append("[".repeat(depth)).append("]".repeat(depth));
            String json = new String(bytes(base), StandardCharsets.UTF_8);
            String nested = json.replaceFirst("\"data\"\\s*:\\s*\\{", "\"data\":{\"deep\":" + deep + ",");
            return new Sample("nesting " + depth + " deep in data", nested.getBytes(StandardCharsets.UTF_8));
        });
    }

    public static Arbitrary<Sample> oddUnicode(ObjectNode base) {
        List<String> strings = paths(base).stream().filter(p -> base.at(p).isTextual()).toList();
        return Combinators.combine(Arbitraries.of(strings), Arbitraries.of(ODD_UNICODE)).as((path, odd) -> {
            ObjectNode copy = base.deepCopy();
            set(copy, path, NODES.textNode(copy.at(path).asText() + odd));
            return new Sample("odd Unicode at " + path, bytes(copy));
        });
    }

    /** Keys a producer might send: the application key, or not. */
    public static Arbitrary<byte[]> keys(String application) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just(application.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte[]) null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "no-slash", "a/b/c", "/", "c/", "/n", "\u202E/\u0000",
                        "x".repeat(5000) + "/y").map(s -> s.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
    }

    /** Every JSON pointer of a document (objects' members and arrays' elements, at any depth). */
    public static List<String> paths(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                String p = at + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                out.add(p);
                collect(f.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                collect(node.get(i), at + "/" + i, out);
            }
        }
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String parent = path.substring(0, path.lastIndexOf('/'));
        String last = unescape(path.substring(path.lastIndexOf('/') + 1));
        JsonNode container = parent.isEmpty() ? root : root.at(parent);
        if (container instanceof ObjectNode o) {
            o.set(last, value);
        } else if (container instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(ObjectNode root, String path) {
        String parent = path.substring(0, path.lastIndexOf('/'));
        String last = unescape(path.substring(path.lastIndexOf('/') + 1));
        JsonNode container = parent.isEmpty() ? root : root.at(parent);
        if (container instanceof ObjectNode o) {
            o.remove(last);
        } else if (container instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deterministic random, for tests that need hostile values outside a property's parameters. */
    public static Random random(long seed) {
        return new Random(seed);
    }
}
