package io.sockshop.correlator.engine.detect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as findings print them. */
final class Format {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Format() {
    }

    static String clock(long epochMs) {
        return CLOCK.format(Instant.ofEpochMilli(epochMs));
    }

    static String ms(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.1fx", r);
    }

    static String percent(double r) {
        return String.format(Locale.ROOT, "%.0f%%", r * 100);
    }

    static String cpu(double milli) {
        return String.format(Locale.ROOT, "%.0fm", milli);
    }

    static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.0fMi", bytes / (1024 * 1024));
    }

    /** "10 min", "40 s", "1 min 30 s". */
    static String duration(java.time.Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
