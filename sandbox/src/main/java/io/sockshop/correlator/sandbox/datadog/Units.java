package io.sockshop.correlator.sandbox.datadog;

import java.util.Map;
import java.util.Optional;

/** Datadog's unit descriptions, as they appear in a metrics query response. */
final class Units {

    private static final Map<String, Map<String, Object>> UNITS = Map.of(
            "nanocore", unit("cpu", 1e-9, "nanocore", "ncores", "nanocores", 120),
            "core", unit("cpu", 1.0, "core", "core", "cores", 118),
            "byte", unit("bytes", 1.0, "byte", "B", "bytes", 2),
            "second", unit("time", 1.0, "second", "s", "seconds", 11),
            "message", unit("general", 1.0, "message", "msg", "messages", 43));

    private Units() {
    }

    static Optional<Map<String, Object>> describe(String unit) {
        return Optional.ofNullable(unit == null ? null : UNITS.get(unit));
    }

    private static Map<String, Object> unit(String family, double scale, String name, String shortName, String plural, int id) {
        return Map.of("family", family, "scale_factor", scale, "name", name, "short_name", shortName, "plural", plural, "id", id);
    }
}
