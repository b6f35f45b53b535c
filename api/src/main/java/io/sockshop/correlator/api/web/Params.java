package io.sockshop.correlator.api.web;

import io.sockshop.correlator.api.query.IncidentFilter;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.finding.IncidentStatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses request parameters strictly and says which one is wrong and why. Every parameter is taken
 * as a string: JAX-RS would answer a failed conversion of a query parameter with 404.
 */
public final class Params {

    /** Names of services, signatures, scenarios, clusters and namespaces: DNS-ish labels and ids. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");
    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,511}");
    public static final int MAX_TEXT = 512;

    private Params() {
    }

    public static IncidentFilter filter(String status, String application, String namespace, String signature,
                                        String service, String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidParameterException("to", "must not be before from");
        }
        return new IncidentFilter(statuses(status), application(application), name("namespace", namespace),
                name("signature", signature), name("service", service), start, end);
    }

    /** Comma-separated OPEN, UPDATED, RESOLVED; {@code active} means OPEN and UPDATED. */
    public static Set<IncidentStatus> statuses(String text) {
        if (blank(text)) {
            return Set.of();
        }
        checkLength("status", text);
        EnumSet<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        for (String part : text.split(",", -1)) {
            String value = part.trim().toUpperCase(Locale.ROOT);
            if (value.equals("ACTIVE")) {
                statuses.add(IncidentStatus.OPEN);
                statuses.add(IncidentStatus.UPDATED);
                continue;
            }
            try {
                statuses.add(IncidentStatus.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("status", "must be a comma-separated list of OPEN, UPDATED,"
                        + " RESOLVED or active, was '" + abbreviate(part) + "'");
            }
        }
        return statuses;
    }

    public static String application(String text) {
        if (blank(text)) {
            return null;
        }
        checkLength("application", text);
        try {
            ApplicationKey key = ApplicationKey.parse(text.trim());
            name("application", key.cluster());
            name("application", key.namespace());
            return key.toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("application", "must be <cluster>/<namespace>, was '"
                    + abbreviate(text) + "'");
        }
    }

    public static String requiredApplication(String text) {
        String application = application(text);
        if (application == null) {
            throw new InvalidParameterException("application", "is required (<cluster>/<namespace>)");
        }
        return application;
    }

    public static String name(String param, String text) {
        if (blank(text)) {
            return null;
        }
        String value = text.trim();
        if (!NAME.matcher(value).matches()) {
            throw new InvalidParameterException(param, "must be a name of letters, digits, '.', '_', ':' or '-'"
                    + " (at most 253), was '" + abbreviate(text) + "'");
        }
        return value;
    }

    public static String incidentId(String text) {
        if (blank(text) || !INCIDENT_ID.matcher(text).matches()) {
            throw new InvalidParameterException("incidentId", "must be an incident id such as "
                    + "kind-sockshop.sock-shop.dependency-down-inconsistency.payment.1762342800, was '" + abbreviate(text) + "'");
        }
        return text;
    }

    public static Instant instant(String param, String text) {
        if (blank(text)) {
            return null;
        }
        checkLength(param, text);
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(param, "must be an RFC 3339 timestamp such as 2025-11-05T11:20:00Z,"
                    + " was '" + abbreviate(text) + "'");
        }
    }

    /** A page size between 1 and {@code max}; {@code fallback} when absent. */
    public static int limit(String text, int fallback, int max) {
        if (blank(text)) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException("limit", "must be a whole number from 1 to " + max + ", was '"
                + abbreviate(text) + "'");
    }

    private static void checkLength(String param, String text) {
        if (text.length() > MAX_TEXT) {
            throw new InvalidParameterException(param, "is longer than " + MAX_TEXT + " characters");
        }
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Echoes at most 60 characters of what the client sent, printable ASCII only. */
    public static String abbreviate(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
