package io.sockshop.correlator.injector.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in scenario files and on the command line: {@code 90s}, {@code 2m},
 * {@code 1h30m}, {@code 500ms}, plain seconds ({@code 120}) or ISO-8601 ({@code PT2M}).
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private DurationText() {
    }

    public static Duration parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        String trimmed = text.trim();
        try {
            if (trimmed.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            }
            if (trimmed.toUpperCase().startsWith("PT") || trimmed.toUpperCase().startsWith("P")) {
                return check(Duration.parse(trimmed.toUpperCase()), text, field);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid(text, field);
        }
        Matcher matcher = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw invalid(text, field);
            }
            double amount = Double.parseDouble(matcher.group(1));
            long millis = switch (matcher.group(2)) {
                case "ms" -> Math.round(amount);
                case "s" -> Math.round(amount * 1_000);
                case "m" -> Math.round(amount * 60_000);
                default -> Math.round(amount * 3_600_000);
            };
            total = total.plusMillis(millis);
            end = matcher.end();
        }
        if (end != trimmed.length() || end == 0) {
            throw invalid(text, field);
        }
        return check(total, text, field);
    }

    /** The shortest readable form: {@code 2m}, {@code 90s}, {@code 1h30m}, {@code 250ms}. */
    public static String format(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.getSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            text.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || text.length() == 0) {
            text.append(seconds).append('s');
        }
        return text.toString();
    }

    private static Duration check(Duration duration, String text, String field) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was '" + text + "'");
        }
        return duration;
    }

    private static IllegalArgumentException invalid(String text, String field) {
        return new IllegalArgumentException(field + " must be a duration such as 90s, 2m, 1h30m, 500ms or PT2M, was '"
                + text + "'");
    }
}
