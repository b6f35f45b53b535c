package io.sockshop.correlator.collector.datadog;

/**
 * A credential that never shows in a log line or an error: {@link #toString()} masks it and
 * {@link #mask(String)} removes it from any text before that text is logged.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.trim());
    }

    public String reveal() {
        return value;
    }

    /** The text with every occurrence of this secret replaced by {@code ****}. */
    public String mask(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "****";
    }
}
