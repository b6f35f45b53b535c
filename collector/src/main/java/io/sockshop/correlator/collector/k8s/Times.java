package io.sockshop.correlator.collector.k8s;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** Kubernetes timestamps arrive as strings (RFC 3339, MicroTime with fractions); these read them leniently. */
final class Times {

    private Times() {
    }

    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Optional<Instant> latest(Instant... candidates) {
        return Arrays.stream(candidates).filter(Objects::nonNull).max(Instant::compareTo);
    }
}
