package io.sockshop.correlator.engine.logs;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of the pattern catalogue. {@code contains} is a literal every matching line holds: it is
 * checked first with a plain substring search, so the regular expression runs only on candidate lines.
 *
 * @param id       a name for docs and metrics
 * @param kind     what a match means
 * @param contains literal that must occur in the message
 * @param regex    optional; named groups {@code host}, {@code id}, {@code status}, {@code name},
 *                 {@code method}, {@code path}, {@code value}, {@code unit}, {@code ms} are read when present
 */
public record LogPattern(String id, LogKind kind, String contains, Pattern regex) {

    public LogPattern {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if ((contains == null || contains.isEmpty()) && regex == null) {
            throw new IllegalArgumentException("contains or regex is required");
        }
    }

    public static LogPattern of(String id, LogKind kind, String contains, String regex) {
        try {
            return new LogPattern(id, kind, contains, regex == null || regex.isBlank() ? null : Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex: " + e.getDescription() + " in '" + regex + "'", e);
        }
    }
}
