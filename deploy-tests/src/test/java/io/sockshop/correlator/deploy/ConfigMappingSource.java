package io.sockshop.correlator.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property names a SmallRye {@code @ConfigMapping} interface declares, read from its source
 * (the service modules are not on this module's classpath, and some are not built yet when their
 * compose entries are checked): methods become kebab-case names under the prefix, {@code @WithName}
 * overrides, nested interfaces are groups, {@code List<Group>} is {@code name[*].}, {@code Map} is
 * {@code name.*}.
 */
final class ConfigMappingSource {

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@[\\w.]+(?:\\([^()]*\\))?\\s*)*)([\\w.]+(?:<[\\w.<>,?\\s]+>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"\\s*\\)");

    private ConfigMappingSource() {
    }

    /** The property name patterns of the mapping in this source, or empty when it has none. */
    static Optional<List<String>> properties(String source) {
        String code = stripComments(source);
        Matcher prefix = PREFIX.matcher(code);
        if (!prefix.find()) {
            return Optional.empty();
        }
        Map<String, String> bodies = interfaceBodies(code);
        Matcher root = INTERFACE.matcher(code);
        if (!root.find(prefix.end())) {
            throw new IllegalArgumentException("@ConfigMapping without an interface");
        }
        List<String> names = new ArrayList<>();
        collect(prefix.group(1), root.group(1), bodies, names, 0);
        return Optional.of(names);
    }

    private static void collect(String prefix, String type, Map<String, String> bodies, List<String> names, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("config groups nested too deep at " + prefix);
        }
        Matcher method = METHOD.matcher(topLevel(bodies.get(type)));
        while (method.find()) {
            Matcher withName = WITH_NAME.matcher(method.group(1));
            String name = prefix + "." + (withName.find() ? withName.group(1) : kebab(method.group(3)));
            String returnType = unwrap(method.group(2).replaceAll("\\s", ""), "Optional");
            String listed = unwrap(returnType, "List");
            if (returnType.startsWith("Map<")) {
                names.add(name + ".*");
            } else if (!listed.equals(returnType) && bodies.containsKey(listed)) {
                collect(name + "[*]", listed, bodies, names, depth + 1);
            } else if (bodies.containsKey(returnType)) {
                collect(name, returnType, bodies, names, depth + 1);
            } else {
                names.add(name);
            }
        }
    }

    private static String unwrap(String type, String wrapper) {
        return type.startsWith(wrapper + "<") && type.endsWith(">")
                ? type.substring(wrapper.length() + 1, type.length() - 1) : type;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Each interface's body (between its braces), nested interfaces included. */
    private static Map<String, String> interfaceBodies(String code) {
        Map<String, String> bodies = new HashMap<>();
        Matcher m = INTERFACE.matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            bodies.put(m.group(1), code.substring(open + 1, matchingBrace(code, open)));
        }
        return bodies;
    }

    /** A body without its nested blocks, so that a group's methods are not taken for its parent's. */
    private static String topLevel(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    out.append(';');
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        // a nested "interface X" header is left without its body: drop it
        return out.toString().replaceAll("\\binterface\\s+\\w+[^;]*;", ";");
    }

    private static int matchingBrace(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '{') {
                depth++;
            } else if (code.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }

    /** Without comments, and without braces inside string literals (a default like "{namespace}"). */
    private static String stripComments(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
        Matcher literal = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"").matcher(code);
        StringBuilder out = new StringBuilder();
        while (literal.find()) {
            literal.appendReplacement(out, Matcher.quoteReplacement(literal.group().replace('{', '_').replace('}', '_')));
        }
        return literal.appendTail(out).toString();
    }
}
