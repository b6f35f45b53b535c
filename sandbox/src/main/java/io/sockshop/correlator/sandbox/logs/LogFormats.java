package io.sockshop.correlator.sandbox.logs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The real line formats of the Sock Shop services (see the reference logs and FORMATS.md): go-kit
 * logfmt for the Go services, Spring Boot with Sleuth for the Java ones, morgan "dev" with ANSI
 * colours for the front-end, plain println lines for shipping and queue-master.
 */
public final class LogFormats {

    private static final DateTimeFormatter SPRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String ESC = "\u001b";

    private LogFormats() {
    }

    /** go-kit logfmt: {@code ts=2025-10-18T09:11:39.75194928Z caller=logging.go:27 method=List ... took=236.974386ms}. */
    public static String goKit(Instant at, String caller, String fields) {
        return "ts=" + at + " caller=" + caller + " " + fields;
    }

    /** Go's time.Duration String(): 736ns, 25.772µs, 236.974386ms, 1.502s. */
    public static String goDuration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos / 1_000.0) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos / 1_000_000.0) + "ms";
        }
        return trim(nanos / 1_000_000_000.0) + "s";
    }

    /**
     * Spring Boot 1.4 with Sleuth: {@code 2025-10-18 09:23:45.260  INFO [orders,a36be67a4ef5e635,d77bfb4d906439b0,false] 1 --- [p-nio-80-exec-1] logger : message}.
     */
    public static String spring(Instant at, String level, String app, String traceId, String spanId, String thread,
                                String logger, String message) {
        String sleuth = traceId == null ? "[" + app + ",,,]" : "[" + app + "," + traceId + "," + spanId + ",false]";
        return SPRING.format(at) + " " + String.format(Locale.ROOT, "%5s", level) + " " + sleuth + " 1 --- ["
                + String.format(Locale.ROOT, "%15s", thread) + "] " + String.format(Locale.ROOT, "%-40s", abbreviate(logger))
                + " : " + message;
    }

    /** morgan "dev": {@code ESC[0mGET /catalogue?size=5 ESC[32m200 ESC[0m3.513 ms - -ESC[0m}. */
    public static String morgan(String method, String path, int status, double millis) {
        String colour = status >= 500 ? "31" : status >= 400 ? "33" : status >= 300 ? "36" : "32";
        String time = millis < 0 ? "-" : String.format(Locale.ROOT, "%.3f", millis);
        return ESC + "[0m" + method + " " + path + " " + ESC + "[" + colour + "m" + status + " " + ESC + "[0m" + time
                + " ms - -" + ESC + "[0m";
    }

    /** The rabbitmq-exporter sidecar: {@code time="2025-10-18T07:37:41Z" level=info msg="Metrics updated" duration=28.349477ms}. */
    public static String exporter(Instant at, Duration took) {
        return "time=\"" + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\" level=info msg=\"Metrics updated\" duration="
                + goDuration(took);
    }

    private static String abbreviate(String logger) {
        return logger.length() <= 40 ? logger : logger.substring(logger.length() - 40);
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
