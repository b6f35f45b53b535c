package io.sockshop.correlator.model;

import java.util.List;
import java.util.Map;

/**
 * Checks used by the compact constructors of the contract's records, so that an invalid event can be
 * neither decoded nor built. Messages name the field; the codec prefixes the JSON path.
 */
public final class Require {

    private Require() {
    }

    public static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    public static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    public static Integer nonNegative(Integer value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    public static Long nonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    public static Double finiteOrNull(Double value, String field) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    /** Null becomes an empty immutable list; null elements are refused. */
    public static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (T element : value) {
            if (element == null) {
                throw new IllegalArgumentException(field + " must not contain null elements");
            }
        }
        return List.copyOf(value);
    }

    /** Null becomes an empty immutable map; null keys are refused, null values dropped. */
    public static <K, V> Map<K, V> map(Map<K, V> value, String field) {
        if (value == null) {
            return Map.of();
        }
        var copy = new java.util.LinkedHashMap<K, V>();
        value.forEach((k, v) -> {
            if (k == null) {
                throw new IllegalArgumentException(field + " must not contain null keys");
            }
            if (v != null) {
                copy.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
