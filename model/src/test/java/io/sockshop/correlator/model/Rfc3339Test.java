package io.sockshop.correlator.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path reads exactly what OffsetDateTime reads, and leaves everything else to it. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-05T20:43:00Z", "2025-11-05T20:43:00.412Z", "2025-11-05T20:43:00.412118Z",
            "2025-11-05T20:43:00.123456789Z", "2025-11-05T20:43:00.1Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z"})
    void theCommonShapeIsReadAsOffsetDateTimeReadsIt(String text) {
        assertThat(Rfc3339.parseUtc(text)).isNotNull().isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-05T20:43:00+01:00", "2025-11-05t20:43:00Z", "2025-11-05T20:43Z", "2025-11-05T20:43:00z",
            "2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-11-00T00:00:00Z",
            "2025-11-05T24:00:00Z", "2025-11-05T23:60:00Z", "2025-11-05T23:59:60Z", "2025-11-05T20:43:00.Z",
            "2025-11-05T20:43:00.1234567890Z", "2025-11-05T20:43:00,5Z", "+2025-11-05T20:43:00Z", "2025-1-05T20:43:00Z",
            "2025-11-05 20:43:00Z", "2025-11-05T20:43:0xZ", "2025-11-05T20:43:00", "", "Z", "2025-11-05T20:43:00.-1Z"})
    void otherShapesAreLeftToTheGeneralParser(String text) {
        assertThat(Rfc3339.parseUtc(text)).isNull();
    }

    /** Random strings near the common shape: whenever the fast path answers, OffsetDateTime gives the same instant. */
    @Test
    void neverDisagreesWithOffsetDateTime() {
        Random random = new Random(3339);
        String alphabet = "0123456789-:T.Zz+ ";
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] c = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), random.nextInt(1_000_000_000))
                    .toString().toCharArray();
            int changes = random.nextInt(3);
            for (int k = 0; k < changes; k++) {
                c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = new String(c);
            Instant fast = Rfc3339.parseUtc(text);
            if (fast != null) {
                answered++;
                Instant general;
                try {
                    general = OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    throw new AssertionError("fast path accepted what OffsetDateTime refuses: " + text, e);
                }
                assertThat(fast).as(text).isEqualTo(general);
            }
        }
        assertThat(answered).as("strings the fast path answered").isGreaterThan(50_000);
    }
}
