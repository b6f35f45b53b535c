package io.sockshop.correlator.engine.logs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The configurable log pattern catalogue: ordered patterns, first match wins, plus the status words
 * that mean a business transaction failed. The shipped default ({@value #DEFAULT_RESOURCE}) is built
 * from the real Sock Shop lines (FORMATS.md section 2).
 */
public final class PatternCatalogue {

    public static final String DEFAULT_RESOURCE = "/patterns/default.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<LogPattern> patterns;
    private final Set<String> failedStatuses;
    private final Set<String> ignoredDurationMethods;

    public PatternCatalogue(List<LogPattern> patterns, Set<String> failedStatuses, Set<String> ignoredDurationMethods) {
        this.patterns = List.copyOf(patterns);
        this.failedStatuses = Set.copyOf(failedStatuses);
        this.ignoredDurationMethods = Set.copyOf(ignoredDurationMethods);
    }

    public static PatternCatalogue defaults() {
        try (InputStream in = PatternCatalogue.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(in.readAllBytes(), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    public static PatternCatalogue fromFile(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read pattern catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    record Entry(String id, LogKind kind, String contains, String regex) {
    }

    record File(List<Entry> patterns, List<String> failedStatuses, List<String> ignoredDurationMethods) {
    }

    public static PatternCatalogue parse(byte[] yaml, String origin) {
        File file;
        try {
            file = YAML.readValue(yaml, File.class);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("pattern catalogue " + origin + ": " + message, e);
        }
        if (file == null || file.patterns() == null || file.patterns().isEmpty()) {
            throw new IllegalArgumentException("pattern catalogue " + origin + ": patterns: at least one pattern is required");
        }
        List<LogPattern> patterns = new ArrayList<>();
        for (int i = 0; i < file.patterns().size(); i++) {
            Entry e = file.patterns().get(i);
            try {
                patterns.add(LogPattern.of(e.id(), e.kind(), e.contains(), e.regex()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("pattern catalogue " + origin + ": patterns[" + i + "]: " + ex.getMessage(), ex);
            }
        }
        return new PatternCatalogue(patterns,
                file.failedStatuses() == null ? Set.of() : Set.copyOf(file.failedStatuses()),
                file.ignoredDurationMethods() == null ? Set.of() : Set.copyOf(file.ignoredDurationMethods()));
    }

    public List<LogPattern> patterns() {
        return patterns;
    }

    public boolean isFailedStatus(String status) {
        return status != null && failedStatuses.contains(status);
    }

    /** The first pattern that matches, or null: most lines (health checks, access 200s) cost a few substring searches. */
    public LogMatch classify(String message) {
        if (message == null || message.isEmpty()) {
            return null;
        }
        for (LogPattern p : patterns) {
            if (p.contains() != null && !message.contains(p.contains())) {
                continue;
            }
            if (p.regex() == null) {
                return new LogMatch(p.kind(), p.id(), null, null, null, null, Double.NaN, 0);
            }
            Matcher m = p.regex().matcher(message);
            if (!m.find()) {
                continue;
            }
            LogMatch match = toMatch(p, m);
            if (match != null) {
                return match;
            }
        }
        return null;
    }

    private LogMatch toMatch(LogPattern p, Matcher m) {
        String method = group(m, "method");
        if (p.kind() == LogKind.DURATION && method != null && ignoredDurationMethods.contains(method)) {
            return null;
        }
        double duration = Double.NaN;
        String value = group(m, "value");
        if (value != null) {
            duration = toMillis(Double.parseDouble(value), group(m, "unit"));
        }
        String ms = group(m, "ms");
        if (ms != null && !ms.equals("-")) {
            duration = Double.parseDouble(ms);
        }
        String status = group(m, "status");
        int http = 0;
        if (p.kind() == LogKind.ACCESS && status != null) {
            http = Integer.parseInt(status);
        }
        String name = group(m, "name");
        return new LogMatch(p.kind(), p.id(), group(m, "host"), group(m, "id"),
                p.kind() == LogKind.ACCESS ? null : status, name != null ? name : method, duration, http);
    }

    private static String group(Matcher m, String name) {
        // Asking for a group the pattern lacks throws, and filling in that exception's stack trace cost more than
        // the match itself (most patterns have two or three of the nine names): a named group is always spelt
        // "(?<name>" in the source, so its absence is known without asking.
        if (!m.pattern().pattern().contains("(?<" + name + ">")) {
            return null;
        }
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    /** go-kit prints Go durations: ns, µs (mangled to "┬╡s" or "Âµs" by some pipelines), ms, s, and m/h forms. */
    static double toMillis(double value, String unit) {
        if (unit == null) {
            return value;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("ns")) {
            return value / 1_000_000.0;
        }
        if (u.endsWith("s") && !u.equals("ms") && !u.equals("s")) {
            return value / 1000.0; // µs and its mojibake forms
        }
        return switch (u) {
            case "ms" -> value;
            case "s" -> value * 1000.0;
            case "m" -> value * 60_000.0;
            case "h" -> value * 3_600_000.0;
            default -> value;
        };
    }
}
