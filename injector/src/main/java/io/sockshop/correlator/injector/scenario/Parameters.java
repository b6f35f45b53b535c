package io.sockshop.correlator.injector.scenario;

import io.sockshop.correlator.injector.InjectorException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one run (the scenario's defaults with the run's overrides) and the
 * substitution of {@code ${name}} references in step values.
 */
public final class Parameters {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_-]*)}");

    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Defaults overridden by {@code overrides}. An override of a parameter the scenario does not
     * declare is refused: a typo must not silently run the guide's default.
     */
    public static Parameters of(Scenario scenario, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(scenario.defaults());
        if (overrides != null) {
            overrides.forEach((name, value) -> {
                if (!values.containsKey(name)) {
                    throw InjectorException.invalid("unknown parameter '" + name + "' for scenario " + scenario.id()
                            + "; it has " + new TreeSet<>(scenario.defaults().keySet()));
                }
                if (value == null || value.isBlank()) {
                    throw InjectorException.invalid("parameter '" + name + "' must not be blank");
                }
                values.put(name, value.trim());
            });
        }
        return new Parameters(Map.copyOf(values));
    }

    public Map<String, String> values() {
        return new java.util.TreeMap<>(values);
    }

    /** {@code text} with every {@code ${name}} replaced; null stays null. */
    public String resolve(String text, String field) {
        if (text == null) {
            return null;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(field + " refers to ${" + name + "}, which is not a declared parameter");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString().trim();
    }

    /** Every value of the map resolved; null stays null. */
    public Map<String, String> resolve(Map<String, String> map, String field) {
        if (map == null) {
            return null;
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        map.forEach((key, value) -> resolved.put(key, resolve(value, field + "." + key)));
        return resolved;
    }
}
