package io.sockshop.correlator.deploy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How Quarkus (SmallRye Config) reads a property from the environment: every character that is not
 * a letter or a digit becomes {@code _}, the rest upper case ({@code collector.kafka.bootstrap-servers}
 * is {@code COLLECTOR_KAFKA_BOOTSTRAP_SERVERS}).
 */
final class EnvNames {

    private EnvNames() {
    }

    static String of(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The environment names a property pattern stands for: {@code [*]} is a list index
     * ({@code queries[0].query}), a trailing {@code .*} any map key ({@code kafka.client.*}).
     */
    static Pattern pattern(String propertyPattern) {
        StringBuilder regex = new StringBuilder();
        String rest = propertyPattern;
        while (!rest.isEmpty()) {
            if (rest.startsWith("[*]")) {
                regex.append("_[0-9]+_");
                rest = rest.substring(3);
            } else if (rest.equals(".*")) {
                regex.append("_[A-Z0-9_]+");
                rest = "";
            } else {
                int next = nextWildcard(rest);
                regex.append(Pattern.quote(of(rest.substring(0, next))));
                rest = rest.substring(next);
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static int nextWildcard(String text) {
        int index = text.indexOf("[*]");
        int map = text.endsWith(".*") ? text.length() - 2 : -1;
        if (index < 0) {
            return map < 0 ? text.length() : map;
        }
        return map < 0 ? index : Math.min(index, map);
    }
}
