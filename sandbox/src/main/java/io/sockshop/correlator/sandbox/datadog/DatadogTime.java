package io.sockshop.correlator.sandbox.datadog;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Datadog's time expressions: {@code now}, {@code now-15m}, ISO 8601 with offset, epoch milliseconds. */
final class DatadogTime {

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhdw]))?");

    private DatadogTime() {
    }

    static Instant parse(String text, Instant now, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        String t = text.trim();
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return now;
            }
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a date: use now-15m, ISO 8601 or epoch milliseconds");
        }
    }
}
